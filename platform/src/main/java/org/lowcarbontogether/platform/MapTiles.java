package org.lowcarbontogether.platform;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where maps take their base tiles from: {@code lct.maps.tile-url} (an OpenStreetMap-compatible template such as
 * {@code https://tiles.example.org/{z}/{x}/{y}.png}, a self-hosted server or a Tianditu URL) with its attribution
 * ({@code lct.maps.tile-attribution}). Empty — the default — means no tile server: every map draws its data on the
 * bundled basemap (Natural Earth, {@code static/js/vendor/world-atlas-2.0.2}), so it works on a network that reaches no
 * tile server. Pages read it as {@code @mapTiles} (the layout's
 * {@code lct-tile-url} meta tag); the content security policy allows images from its origin.
 */
@Component("mapTiles")
public class MapTiles {

    private final String url;
    private final String attribution;

    MapTiles(@Value("${lct.maps.tile-url:}") String url, @Value("${lct.maps.tile-attribution:}") String attribution) {
        this.url = url.strip();
        this.attribution = attribution.strip();
        SecurityHeaders.allowTilesFrom(origin(this.url));
    }

    public String url() {
        return url;
    }

    public String attribution() {
        return attribution;
    }

    static String origin(String url) {
        if (url.isEmpty()) {
            return "";
        }
        try {
            var uri = new URI(url.replace("{", "%7B").replace("}", "%7D"));
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            // A {s} subdomain template allows every subdomain of the host.
            String host = uri.getRawAuthority().replace("%7Bs%7D", "*");
            return uri.getScheme() + "://" + host;
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
