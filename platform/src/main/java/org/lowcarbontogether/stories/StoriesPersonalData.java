package org.lowcarbontogether.stories;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stories a person wrote, with their photos, and the stories they moderated. Deleting the account deletes every
 * photo and every story of theirs — with its reach — except, when they choose so, their published stories, which stay
 * published under the deleted account's neutral name.
 */
@Component
class StoriesPersonalData implements PersonalData {

    /** Stories that go with their author's account: all but the published ones they chose to keep. */
    private static final String GOING = "author_id = :person and (status <> 'PUBLISHED' or not :keep)";

    private final JdbcClient jdbc;

    StoriesPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("story", "stories", Treatment.CLEARED, "author_id"),
                Holding.of("story", "stories-moderated", Treatment.KEPT, "moderated_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("stories", PersonalData.query(jdbc, """
                        select s.id, s.title, s.body, s.status, s.organisation_id, s.community_id, s.campaign_id,
                            s.moderation_note, s.created_at, s.published_at,
                            (select count(*) from story_photo p where p.story_id = s.id) as photos,
                            (select coalesce(sum(r.views), 0) from story_reach_daily r where r.story_id = s.id) as views,
                            (select coalesce(sum(r.shares), 0) from story_reach_daily r where r.story_id = s.id) as shares
                        from story s where s.author_id = :person order by s.created_at""", person));
        export.kind("stories-moderated", PersonalData.query(jdbc, """
                        select id as story_id, title, status, moderated_at, moderation_note
                        from story where moderated_by = :person and author_id <> :person order by moderated_at""", person));
        // The photos as stored (re-encoded at upload, without metadata), a few at a time.
        jdbc.sql("""
                        select p.story_id, p.position, p.content_type, p.bytes
                        from story_photo p join story s on s.id = p.story_id
                        where s.author_id = :person order by s.created_at, p.story_id, p.position""").withFetchSize(20).param("person", person).query((RowCallbackHandler) rs -> export.file(
                "photos/" + rs.getObject("story_id", UUID.class) + "-" + rs.getInt("position")
                        + ("image/png".equals(rs.getString("content_type")) ? ".png" : ".jpg"),
                rs.getBytes("bytes")));
    }

    @Override
    public void erase(Erasure erasure) {
        var person = erasure.person();
        boolean keep = erasure.keepPublishedStories();
        jdbc.sql("delete from story_photo where story_id in (select id from story where author_id = :person)")
                .param("person", person)
                .update();
        for (String reach : List.of("story_reach_visit", "story_reach_daily")) {
            jdbc.sql("delete from " + reach + " where story_id in (select id from story where " + GOING + ")")
                    .param("person", person)
                    .param("keep", keep)
                    .update();
        }
        jdbc.sql("delete from story where " + GOING)
                .param("person", person)
                .param("keep", keep)
                .update();
    }
}
