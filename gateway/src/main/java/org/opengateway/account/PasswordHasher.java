package org.opengateway.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.stereotype.Component;

/**
 * Slow, salted password hashes with Argon2id, stored as
 * {@code argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>} so that the cost of new hashes can be
 * raised while older ones still verify (and are replaced at the next login, see {@link #isWeakerThanCurrent}).
 */
@Component
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final AccountProperties.Argon2 current;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(AccountProperties properties) {
        this.current = properties.argon2();
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Cost cost = new Cost(current.memoryKib(), current.iterations(), current.parallelism());
        return "argon2id$v=19$m=" + cost.memoryKib + ",t=" + cost.iterations + ",p=" + cost.parallelism + "$"
                + b64(salt) + "$" + b64(derive(password, salt, cost, HASH_BYTES));
    }

    public boolean verify(String password, String stored) {
        Stored parsed = Stored.parse(stored);
        byte[] actual = derive(password, parsed.salt, parsed.cost, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** True when the stored hash was made with a lower cost than new hashes get now. */
    public boolean isWeakerThanCurrent(String stored) {
        Cost cost = Stored.parse(stored).cost;
        return cost.memoryKib < current.memoryKib() || cost.iterations < current.iterations()
                || cost.parallelism < current.parallelism();
    }

    private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(cost.memoryKib)
                .withIterations(cost.iterations)
                .withParallelism(cost.parallelism)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Cost(int memoryKib, int iterations, int parallelism) {
    }

    private record Stored(Cost cost, byte[] salt, byte[] hash) {

        static Stored parse(String stored) {
            String[] parts = stored.split("\\$");
            if (parts.length != 5 || !parts[0].equals("argon2id") || !parts[1].equals("v=19")) {
                throw new IllegalStateException("A stored password hash is not of the form argon2id$v=19$...");
            }
            int memory = 0;
            int iterations = 0;
            int parallelism = 0;
            for (String setting : parts[2].split(",")) {
                int value = Integer.parseInt(setting.substring(2));
                switch (setting.charAt(0)) {
                    case 'm' -> memory = value;
                    case 't' -> iterations = value;
                    case 'p' -> parallelism = value;
                    default -> throw new IllegalStateException("Unknown Argon2 setting in a stored hash: " + setting);
                }
            }
            Base64.Decoder decoder = Base64.getDecoder();
            return new Stored(new Cost(memory, iterations, parallelism), decoder.decode(parts[3]), decoder.decode(parts[4]));
        }
    }
}
