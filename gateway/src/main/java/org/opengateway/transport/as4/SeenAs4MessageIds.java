package org.opengateway.transport.as4;

import com.helger.base.state.EChange;
import com.helger.base.state.EContinue;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.phase4.duplicate.IAS4DuplicateItem;
import com.helger.phase4.duplicate.IAS4DuplicateManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * phase4's duplicate check, kept in the database ({@code as4_message_seen}) so that every node of the gateway sees
 * the message IDs every other node has seen.
 *
 * <p>It never calls a message a duplicate: phase4 answers a duplicate with an ebMS error and does not call our
 * processor, but Peppol's sender then believes delivery failed and tries again, forever. Instead the processor answers
 * a resent message with a receipt and stores it once (the unique constraints of {@code received_document}). Here
 * each ID is remembered with how often and when it was seen, for the operator.
 */
public class SeenAs4MessageIds implements IAS4DuplicateManager {

    private static final Logger log = LoggerFactory.getLogger(SeenAs4MessageIds.class);

    /** One remembered message ID, in phase4's terms. */
    private record Item(OffsetDateTime seenAt, String messageId, String profileId, String pmodeId)
            implements IAS4DuplicateItem {
        @Override
        public OffsetDateTime getDateTime() {
            return seenAt;
        }

        @Override
        public String getMessageID() {
            return messageId;
        }

        @Override
        public String getID() {
            return messageId;
        }

        @Override
        public String getProfileID() {
            return profileId;
        }

        @Override
        public String getPModeID() {
            return pmodeId;
        }
    }

    private final JdbcClient jdbc;
    /** The message ID of the request this thread handles, until it is written. */
    private final ThreadLocal<Item> noted = new ThreadLocal<>();

    public SeenAs4MessageIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Notes the message ID for this request only: it is written with the stored document, in the same transaction
     * ({@link #writeNoted}, called by the processor), or on its own when the request ends without storing one. One
     * commit less for every message received.
     */
    @Override
    public EContinue registerAndCheck(String messageId, String profileId, String pmodeId) {
        if (messageId != null && !messageId.isEmpty()) {
            noted.set(new Item(OffsetDateTime.now(ZoneOffset.UTC), messageId, profileId, pmodeId));
        }
        return EContinue.CONTINUE;
    }

    /**
     * Writes the message ID noted by this thread's request, if any and not written yet: in the caller's transaction
     * when there is one. A message ID seen before gets its count raised.
     */
    public void writeNoted() {
        Item item = noted.get();
        if (item == null) {
            return;
        }
        noted.remove();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // undone with the caller's transaction: then the end of the request writes it on its own
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        noted.set(item);
                    }
                }
            });
        }
        // an UPDATE first: a failed INSERT would spoil the caller's transaction on PostgreSQL
        if (seenAgain(item)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO as4_message_seen (message_id, profile_id, pmode_id, first_seen_at, last_seen_at,"
                            + " times_seen) VALUES (?, ?, ?, ?, ?, 1)")
                    .params(item.messageId(), item.profileId(), item.pmodeId(), item.seenAt(), item.seenAt())
                    .update();
        } catch (DuplicateKeyException sameMomentElsewhere) {
            seenAgain(item); // the same message arrived at another node (or request) at the same moment
        }
    }

    private boolean seenAgain(Item item) {
        boolean again = jdbc.sql("UPDATE as4_message_seen SET last_seen_at = ?, times_seen = times_seen + 1"
                        + " WHERE message_id = ?")
                .params(item.seenAt(), item.messageId())
                .update() > 0;
        if (again) {
            log.info("AS4 message {} arrived again; the receiver answers it with a receipt and stores it once",
                    item.messageId());
        }
        return again;
    }

    /** How often a message ID has arrived; 0 if never (or forgotten). */
    public int timesSeen(String messageId) {
        return jdbc.sql("SELECT times_seen FROM as4_message_seen WHERE message_id = ?")
                .param(messageId).query(Integer.class).optional().orElse(0);
    }

    @Override
    public IAS4DuplicateItem getItemOfMessageID(String messageId) {
        return jdbc.sql("SELECT first_seen_at, message_id, profile_id, pmode_id FROM as4_message_seen"
                        + " WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> (IAS4DuplicateItem) new Item(rs.getObject(1, OffsetDateTime.class), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .optional()
                .orElse(null);
    }

    @Override
    public ICommonsList<IAS4DuplicateItem> getAll() {
        return new CommonsArrayList<>(jdbc.sql("SELECT first_seen_at, message_id, profile_id, pmode_id"
                        + " FROM as4_message_seen ORDER BY first_seen_at")
                .query((rs, n) -> (IAS4DuplicateItem) new Item(rs.getObject(1, OffsetDateTime.class), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .list());
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int size() {
        return jdbc.sql("SELECT COUNT(*) FROM as4_message_seen").query(Integer.class).single();
    }

    @Override
    public EChange clearCache() {
        return EChange.valueOf(jdbc.sql("DELETE FROM as4_message_seen").update() > 0);
    }

    @Override
    public ICommonsList<String> evictAllItemsBefore(OffsetDateTime before) {
        ICommonsList<String> evicted = new CommonsArrayList<>(jdbc
                .sql("SELECT message_id FROM as4_message_seen WHERE first_seen_at < ?")
                .param(before).query(String.class).list());
        jdbc.sql("DELETE FROM as4_message_seen WHERE first_seen_at < ?").param(before).update();
        return evicted;
    }
}
