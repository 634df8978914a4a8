package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.internet.MimeMessage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opengateway.account.AccountProperties;
import org.opengateway.account.AuditLog;
import org.opengateway.account.Language;
import org.opengateway.account.PasswordHasher;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.api.ApiProblem;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;
import org.opengateway.config.PublicAddress;
import org.opengateway.document.ParticipantId;
import org.opengateway.mail.MailSettings;
import org.opengateway.mail.OutgoingMail;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The company settings' storage on H2 and on PostgreSQL alike (the PostgreSQL runs need a server, see
 * {@link TestPostgres}), with a real SMTP server in this JVM, and a clock the test moves on to let a link expire.
 */
class CompanySettingsDatabaseIT {

    private static final int MAIL_PORT = GatewayIT.freePort();
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(MAIL_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private HikariDataSource pool;

    /** Runs the test once on a fresh H2 database and once on a fresh PostgreSQL one (when a server is given). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    @interface OnH2AndPostgresql {
    }

    /** A clock the test sets; the gateway's code reads it as it would the system clock. */
    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @AfterEach
    void close() {
        if (pool != null) { // null when the PostgreSQL run was skipped
            pool.close();
        }
    }

    @OnH2AndPostgresql
    void contactsProfileParticipantsPaymentDetailsAndLogoAreStored(String database) throws Exception {
        JdbcClient jdbc = migrated(database);
        Users users = users(jdbc);
        CompanyDirectory companies = new CompanyDirectory(jdbc);
        Company company = companies.register("db-test", "Db Test AB", "5567321707",
                List.of(ParticipantId.parse("0007:5567321707")));
        User admin = users.create("admin@example.com", "Admin", Language.EN, "a long enough password", false);
        new org.opengateway.account.CompanyGrants(jdbc).grant(admin.id(), company.id(), "administrator");

        ContactAddresses contacts = new ContactAddresses(jdbc);
        assertThat(contacts.addressFor(company.id(), ContactRole.REPORTS)).contains("admin@example.com");
        contacts.replace(company.id(), Map.of(ContactRole.GENERAL, "office@example.com", ContactRole.REPORTS,
                "numbers@example.com"));
        assertThat(contacts.addressFor(company.id(), ContactRole.REPORTS)).contains("numbers@example.com");
        assertThat(contacts.addressFor(company.id(), ContactRole.INVOICING)).contains("office@example.com");
        contacts.set(company.id(), ContactRole.GENERAL, "new-office@example.com");
        assertThat(contacts.effective(company.id())).containsEntry(ContactRole.TECHNICAL, "new-office@example.com")
                .containsEntry(ContactRole.REPORTS, "numbers@example.com");

        CompanyProfiles profiles = new CompanyProfiles(jdbc);
        profiles.saveParticipants(company.id(), List.of(ParticipantId.parse("0007:5564982212")),
                List.of(ParticipantId.parse("0007:5567321707")));
        profiles.saveBasics(company.id(), new CompanyProfiles.Basics("Db Test AB", "Storgatan 1", "111 22", "Stockholm",
                Language.SV));
        CompanyProfiles.Profile profile = profiles.profile(company.id());
        assertThat(profile.participants()).containsExactly("0007:5564982212");
        assertThat(profile.language()).isEqualTo("sv");
        assertThat(profiles.receives(ParticipantId.parse("0007:5564982212"))).isFalse();
        profiles.savePaymentDetails(company.id(), new PaymentDetails("Nordea", null, null, "SE4550000000058398257466"));
        profiles.savePaymentDetails(company.id(), new PaymentDetails(null, "NDEASESS", "3300-1", null));
        assertThat(profiles.paymentDetails(company.id())).contains(new PaymentDetails(null, "NDEASESS", "3300-1", null));

        CompanyLogos logos = new CompanyLogos(jdbc, settings());
        logos.save(company.id(), LogoImagesTest.halves(600, 90, "png"), "image/png");
        LogoImages.Logo logo = logos.find(company.id()).orElseThrow();
        assertThat(new int[] {logo.width(), logo.height()}).containsExactly(280, 42);
        assertThat(logo.content()).startsWith((byte) 0x89, (byte) 'P');
        assertThat(logos.delete(company.id())).isTrue();
        assertThat(logos.find(company.id())).isEmpty();
    }

    @OnH2AndPostgresql
    void aConfirmationLinkWorksOnceAndNotOnceTheClockHasPassedItsExpiry(String database) throws Exception {
        JdbcClient jdbc = migrated(database);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        Users users = users(jdbc);
        Company company = new CompanyDirectory(jdbc).register("link-test", "Link Test AB", "5567321707",
                List.of(ParticipantId.parse("0007:5567321707")));
        User admin = users.create("admin@example.com", "Admin", Language.EN, "a long enough password", false);
        String general = "general-" + database + "-" + UUID.randomUUID() + "@example.com";
        ContactAddresses contacts = new ContactAddresses(jdbc);
        contacts.set(company.id(), ContactRole.GENERAL, general);
        SettableClock clock = new SettableClock();
        CompanyProfiles profiles = new CompanyProfiles(jdbc);
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(MAIL_PORT);
        PublicAddress address = new PublicAddress(new GatewayProperties(Path.of("."), NetworkMode.LOCAL,
                "https://gateway.example.com", null, null, null, null, null, null, null, null, null));
        SensitiveChanges changes = new SensitiveChanges(jdbc, contacts, profiles,
                new OutgoingMail(smtp, new MailSettings("gateway@example.com")), address, new AuditLog(jdbc), users,
                settings(), clock);
        SettingsAccess.Editor editor = new SettingsAccess.Editor(company, admin);
        PaymentDetails first = new PaymentDetails("Nordea", null, null, "SE4550000000058398257466");

        transactions.executeWithoutResult(tx -> changes.request(editor, ChangeKind.PAYMENT_DETAILS, first, "first"));
        String firstLink = link(mailTo(general, 1));
        assertThat(firstLink).startsWith("https://gateway.example.com/confirm/");
        clock.advance(Duration.ofHours(47));
        Optional<ApiProblem> confirmed = transactions.execute(tx -> changes.confirm(token(firstLink))).refusal();
        assertThat(confirmed).isEmpty();
        assertThat(profiles.paymentDetails(company.id())).contains(first);
        Optional<ApiProblem> reused = transactions.execute(tx -> changes.confirm(token(firstLink))).refusal();
        assertThat(reused).get().extracting(ApiProblem::getMessage).asString().contains("already used");

        PaymentDetails second = new PaymentDetails(null, "ESSESESS", "5000-1", null);
        transactions.executeWithoutResult(tx -> changes.request(editor, ChangeKind.PAYMENT_DETAILS, second, "second"));
        String secondLink = link(mailTo(general, 2));
        clock.advance(Duration.ofHours(48).plusSeconds(1));
        Optional<ApiProblem> expired = transactions.execute(tx -> changes.confirm(token(secondLink))).refusal();
        assertThat(expired).get().extracting(problem -> problem.status().value()).isEqualTo(410);
        assertThat(expired.get().getMessage()).contains("expired");
        assertThat(profiles.paymentDetails(company.id())).contains(first);

        PaymentDetails third = new PaymentDetails(null, "HANDSESS", "6000-1", null);
        transactions.executeWithoutResult(tx -> changes.request(editor, ChangeKind.PAYMENT_DETAILS, third, "third"));
        clock.advance(Duration.ofHours(49));
        List<SensitiveChanges.Pending> pending = transactions.execute(tx -> changes.pending(company.id()));
        assertThat(pending).isEmpty();
        List<String> audit = jdbc.sql("SELECT action FROM audit WHERE company_id = ? ORDER BY seq").param(company.id())
                .query(String.class).list();
        assertThat(audit).anyMatch(a -> a.startsWith("changed payment details: first"))
                .anyMatch(a -> a.contains("refused") && a.contains("already used"))
                .anyMatch(a -> a.contains("refused") && a.contains("expired"))
                .anyMatch(a -> a.contains("(third) expired unconfirmed"));
    }

    private JdbcClient migrated(String database) {
        String url;
        String user = "gateway";
        String password = "";
        if (database.equals("postgresql")) {
            TestPostgres.Database fresh = TestPostgres.freshDatabase("settings");
            url = fresh.url();
            user = fresh.user();
            password = fresh.password();
        } else {
            url = "jdbc:h2:mem:settings-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(pool);
    }

    private static Users users(JdbcClient jdbc) {
        AccountProperties properties = new AccountProperties(Duration.ofMinutes(60), 12, Duration.ofMinutes(30),
                new AccountProperties.Login(3, 10, 20, 100, Duration.ofMinutes(15)),
                new AccountProperties.Argon2(1024, 1, 1));
        return new Users(jdbc, new PasswordHasher(properties), properties);
    }

    private static CompanySettings settings() {
        return new CompanySettings(Duration.ofHours(48), Duration.ofHours(72), DataSize.ofMegabytes(2), 25_000_000);
    }

    private static String mailTo(String email, int count) throws Exception {
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Arrays.stream(
                        SMTP.getReceivedMessages()).filter(m -> recipient(m).equals(email)).toList(),
                found -> found.size() >= count);
        return (String) mails.get(count - 1).getContent();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String link(String body) {
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group();
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
