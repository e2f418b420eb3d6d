package org.fundrbolt.tickets.deploy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rule for secret values: a sensitive name never carries a literal value in the repository. */
final class Secrets {

    private static final Pattern SENSITIVE = Pattern.compile("PASSWORD|SECRET|KEY|CONNECTION_STRING|TOKEN");
    /** A *_LOCATION names a file (a mounted Secret) or a URL (a JWKS endpoint), never the key itself. */
    private static final Pattern LOCATION_VALUE = Pattern.compile("^(/[\\w./-]+|https://\\S+|file:/\\S+)$");

    private Secrets() {
    }

    static boolean sensitive(String name) {
        return SENSITIVE.matcher(name.toUpperCase(Locale.ROOT)).find();
    }

    /** Empty when {@code name=value} may stand in a manifest; otherwise why not. */
    static Optional<String> literalProblem(String name, String value) {
        if (value != null && (value.contains("-----BEGIN") || value.contains("AccountKey="))) {
            return Optional.of(name + " carries key material in the repository");
        }
        if (!sensitive(name)) {
            return Optional.empty();
        }
        if (name.endsWith("_LOCATION") && value != null && LOCATION_VALUE.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(name
                + " looks secret and must come from a Secret (secretKeyRef or a mounted file), not a literal value");
    }
}
