package org.lowcarbontogether.notifications;

import java.util.UUID;

/** An organiser posted an announcement; its delivery to the group's people follows after commit. */
public record AnnouncementPosted(UUID announcementId) {}
