package org.happserve.aws;

import java.time.Instant;
import org.happserve.http.Json;
import org.happserve.ports.SlaTimer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * One Standard execution of the SLA state machine per complaint and reopen, named
 * {@code <number>-r<reopenCount>}: Step Functions refuses a second execution of that name, which
 * makes start idempotent. Its input is the state the escalation function receives.
 */
public final class StepFunctionsSlaTimer implements SlaTimer {
    private final SfnClient sfn;
    private final String stateMachineArn;
    /** {@code arn:<partition>:states:<region>:<account>:execution:<state machine name>:}. */
    private final String executionArnPrefix;

    public StepFunctionsSlaTimer(SfnClient sfn, String stateMachineArn) {
        String[] arn = stateMachineArn.split(":");
        if (arn.length != 7 || !arn[5].equals("stateMachine")) {
            throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn);
        }
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.executionArnPrefix = String.join(":", arn[0], arn[1], arn[2], arn[3], arn[4], "execution", arn[6]) + ":";
    }

    static String executionName(String number, int reopenCount) {
        return number + "-r" + reopenCount;
    }

    String executionArn(String number, int reopenCount) {
        return executionArnPrefix + executionName(number, reopenCount);
    }

    @Override
    public void start(String number, int reopenCount, int level, Instant dueAt) {
        // Instant.toString is UTC ending in Z, the form the state machine's Wait (and its input check) reads.
        String input = Json.object().put("number", number).put("reopenCount", reopenCount).put("level", level)
                .put("dueAt", dueAt.toString()).toString();
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName(number, reopenCount)).input(input));
        } catch (ExecutionAlreadyExistsException started) {
            // This complaint's timer for this reopen was started before (a retried request).
        }
    }

    @Override
    public void stop(String number, int reopenCount) {
        try {
            sfn.stopExecution(r -> r.executionArn(executionArn(number, reopenCount)));
        } catch (ExecutionDoesNotExistException neverStarted) {
            // Nothing to stop.
        }
    }

    @Override
    public boolean isRunning(String number, int reopenCount) {
        try {
            return sfn.describeExecution(r -> r.executionArn(executionArn(number, reopenCount))).status()
                    == ExecutionStatus.RUNNING;
        } catch (ExecutionDoesNotExistException neverStarted) {
            return false;
        }
    }
}
