package org.opengateway.testing;

import java.time.Clock;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.Validators;

/** One validation engine for all unit tests of a run: compiling the rules takes seconds. */
public final class Engines {

    private static DocumentValidation today;

    private Engines() {
    }

    public static synchronized DocumentValidation today() {
        if (today == null) {
            today = Validators.standalone(Clock.systemUTC());
        }
        return today;
    }
}
