package org.happserve.ports;

import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;

/** Sends one SMS or email. */
public interface Notifier {
    /**
     * @return the provider's message id
     * @throws RuntimeException when the provider refused or could not be reached
     */
    String send(Notification notification, Municipality municipality);
}
