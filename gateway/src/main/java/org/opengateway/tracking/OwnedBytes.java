package org.opengateway.tracking;

import java.util.Optional;
import java.util.UUID;

/**
 * Stored bytes of an invoice (its original, its receipt) read by the invoice's key, with the company it belongs to.
 * The company is compared here rather than in the query's WHERE clause: given {@code company_id = ? AND id = ?}, H2
 * plans the lookup, on a table still empty, through an index that starts with the company and keeps that plan, which
 * then reads every invoice of the company for each call. By the key alone it keeps to the primary keys.
 */
public record OwnedBytes(UUID companyId, byte[] bytes) {

    /** The bytes, if they belong to this company. */
    public Optional<byte[]> of(UUID company) {
        return company.equals(companyId) ? Optional.of(bytes) : Optional.empty();
    }
}
