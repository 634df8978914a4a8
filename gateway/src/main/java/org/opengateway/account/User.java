package org.opengateway.account;

import java.util.UUID;

/** A person who logs in. Support staff ({@code support}) may look at every company but change none. */
public record User(UUID id, String email, String name, Language language, boolean support) {
}
