package org.opengateway.company;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The companies' logos in the database, already checked and scaled by {@link LogoImages}, so every node has them. */
@Repository
public class CompanyLogos {

    private final JdbcClient jdbc;
    private final LogoImages images;

    public CompanyLogos(JdbcClient jdbc, CompanySettings settings) {
        this.jdbc = jdbc;
        this.images = new LogoImages(settings.logoMaxSize().toBytes(), settings.logoMaxPixels());
    }

    /** Checks and scales the upload, and keeps it as the company's logo in place of the one before. */
    @Transactional
    public LogoImages.Logo save(UUID companyId, byte[] bytes, String contentType) {
        LogoImages.Logo logo = images.check(bytes, contentType);
        jdbc.sql("DELETE FROM company_logo WHERE company_id = ?").param(companyId).update();
        jdbc.sql("INSERT INTO company_logo (company_id, media_type, content, width, height, uploaded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(companyId, logo.mediaType(), logo.content(), logo.width(), logo.height(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return logo;
    }

    public Optional<LogoImages.Logo> find(UUID companyId) {
        return jdbc.sql("SELECT media_type, content, width, height FROM company_logo WHERE company_id = ?")
                .param(companyId)
                .query((rs, n) -> new LogoImages.Logo(rs.getString("media_type"), rs.getBytes("content"),
                        rs.getInt("width"), rs.getInt("height")))
                .optional();
    }

    public boolean delete(UUID companyId) {
        return jdbc.sql("DELETE FROM company_logo WHERE company_id = ?").param(companyId).update() > 0;
    }
}
