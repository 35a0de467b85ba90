package org.happserve.testing;

import org.happserve.domain.Channel;
import org.happserve.domain.Citizen;
import org.happserve.domain.ComplaintDraft;
import org.happserve.domain.Language;
import org.happserve.domain.Location;
import org.happserve.domain.Messages;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Registration;
import org.happserve.ports.ComplaintStore.ComplaintRecord;

/** Domain objects as the sample events produce them, built by the real registration rules. */
public final class Samples {
    public static final Messages MESSAGES = Messages.load();
    /** The citizen of {@code events/complaint-register.json}. */
    public static final String MOBILE = "+919876543210";
    public static final String EMAIL = "asha.patel@example.in";

    private Samples() {}

    public static Citizen citizen() {
        return new Citizen("Asha Patel", MOBILE, EMAIL, Language.EN);
    }

    /** The street-light complaint of {@code events/complaint-register.json}, registered at {@link Fixtures#NOW}. */
    public static NewComplaint streetLight(String number) {
        return Registration.open(Fixtures.sampleDirectory(), MESSAGES, number, citizen(),
                new ComplaintDraft("W01", "STREET_LIGHT", "Three street lights on the service road are off.",
                        "Service road near Plot 312, Sector 3", new Location(23.2301, 72.6554)),
                Channel.WEB, "citizen", Fixtures.NOW, 1);
    }

    /** What the store answers for a registered complaint. */
    public static ComplaintRecord record(NewComplaint c) {
        return new ComplaintRecord(c.complaint(), c.timeline(), c.notifications());
    }
}
