package org.lowcarbontogether.rides;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;

/**
 * A community's or a campaign's riding map ("our campus rides"): the public map counted over the group's current
 * members only, with the same rule — a cell is shown only when at least {@value RideMap#MIN_RIDERS} of them rode
 * through it. Shown to whoever may see the group's figures: anyone for a public community, members and organisers for
 * a members-only one; a campaign's to its participants and organisers, and to everyone once ten people took part.
 * <p>
 * <b>Differencing.</b> Two groups whose members differ by one person (or one group before and after someone joins)
 * would, with exact counts, show that person's cells as the cells whose counts differ by one. A group's map therefore
 * shows counts only in bands of {@value #BAND} (10, 15, 20 … meaning "at least"), so one rider more or less changes
 * what is shown only where a count crosses a band's edge (or the threshold of ten) — about one cell in five of those
 * the person rode through, and the reader cannot tell which of the shown cells those are without knowing the others'
 * exact counts. This lowers, and does not remove, what differencing reveals; removing it would need noise (differential
 * privacy), which the map does not add.
 */
@Service
public class GroupRideMaps {

    /** The width of the bands a group map's counts are shown in. */
    public static final int BAND = 5;

    public enum Kind {
        COMMUNITY,
        CAMPAIGN
    }

    /** The group's name and its cells. */
    public record GroupMap(Kind kind, UUID id, String name, List<RideMap.Cell> cells) {}

    private final RideMap map;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Participation participation;

    GroupRideMaps(RideMap map, Communities communities, Campaigns campaigns, Participation participation) {
        this.map = map;
        this.communities = communities;
        this.campaigns = campaigns;
        this.participation = participation;
    }

    public GroupMap cells(
            @Nullable Actor reader, Kind kind, UUID id, YearMonth from, YearMonth to, RideMap.@Nullable Slot slot) {
        String name;
        Participation.Scope scope;
        if (kind == Kind.COMMUNITY) {
            var community = communities.get(id);
            if (!communities.maySeeFeed(reader, community)) {
                throw Refusal.forbidden("ride-map-group-hidden", "community");
            }
            name = community.name();
            scope = Participation.Scope.community(id);
        } else {
            var campaign = campaigns.get(id);
            if (!campaigns.figuresVisibleTo(reader, campaign)) {
                throw Refusal.forbidden("ride-map-group-hidden", "campaign");
            }
            name = campaign.name();
            scope = Participation.Scope.campaign(id);
        }
        var riders = participation.currentParticipants(scope);
        return new GroupMap(kind, id, name, banded(map.cells(from, to, slot, riders)));
    }

    /** The cells with their counts rounded down to a band (see the class comment): 10–14 riders show as 10. */
    static List<RideMap.Cell> banded(List<RideMap.Cell> cells) {
        return cells.stream()
                .map(c -> new RideMap.Cell(c.h3(), c.outline(), band(c.riders()), band(c.rides())))
                .toList();
    }

    static int band(int count) {
        return count - Math.floorMod(count, BAND);
    }
}
