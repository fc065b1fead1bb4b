package org.lowcarbontogether.methodology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * The regions factors are published for: China, its seven regional power grids, and its 31 provincial-level divisions
 * (ISO 3166-2:CN codes), each in its grid region. Factor selection walks from the most specific region outwards.
 */
@NullMarked
public final class Regions {

    public static final String CHINA = "CN";
    public static final String GLOBAL = "GLOBAL";

    /** A region and the next wider region whose factor applies when this one has none. */
    public record Region(
            String code,
            LocalizedText name,
            Kind kind,
            @Nullable String parent) {}

    public enum Kind {
        GLOBAL,
        COUNTRY,
        GRID_REGION,
        PROVINCE
    }

    private static final Map<String, Region> ALL = new LinkedHashMap<>();

    static {
        add(GLOBAL, "World", "全球", Kind.GLOBAL, null);
        add(CHINA, "China", "中国", Kind.COUNTRY, GLOBAL);
        add("GB", "United Kingdom", "英国", Kind.COUNTRY, GLOBAL);
        add("EU", "European Union", "欧盟", Kind.COUNTRY, GLOBAL);
        grid("NORTH", "North China grid", "华北电网");
        grid("NORTHEAST", "Northeast China grid", "东北电网");
        grid("EAST", "East China grid", "华东电网");
        grid("CENTRAL", "Central China grid", "华中电网");
        grid("NORTHWEST", "Northwest China grid", "西北电网");
        grid("SOUTH", "China Southern grid", "南方电网");
        grid("SOUTHWEST", "Southwest China grid", "西南电网");
        province("BJ", "Beijing", "北京", "NORTH");
        province("TJ", "Tianjin", "天津", "NORTH");
        province("HE", "Hebei", "河北", "NORTH");
        province("SX", "Shanxi", "山西", "NORTH");
        province("SD", "Shandong", "山东", "NORTH");
        province("NM", "Inner Mongolia", "内蒙古", "NORTH");
        province("LN", "Liaoning", "辽宁", "NORTHEAST");
        province("JL", "Jilin", "吉林", "NORTHEAST");
        province("HL", "Heilongjiang", "黑龙江", "NORTHEAST");
        province("SH", "Shanghai", "上海", "EAST");
        province("JS", "Jiangsu", "江苏", "EAST");
        province("ZJ", "Zhejiang", "浙江", "EAST");
        province("AH", "Anhui", "安徽", "EAST");
        province("FJ", "Fujian", "福建", "EAST");
        province("HA", "Henan", "河南", "CENTRAL");
        province("HB", "Hubei", "湖北", "CENTRAL");
        province("HN", "Hunan", "湖南", "CENTRAL");
        province("JX", "Jiangxi", "江西", "CENTRAL");
        province("SC", "Sichuan", "四川", "SOUTHWEST");
        province("CQ", "Chongqing", "重庆", "SOUTHWEST");
        province("XZ", "Tibet", "西藏", "SOUTHWEST");
        province("SN", "Shaanxi", "陕西", "NORTHWEST");
        province("GS", "Gansu", "甘肃", "NORTHWEST");
        province("QH", "Qinghai", "青海", "NORTHWEST");
        province("NX", "Ningxia", "宁夏", "NORTHWEST");
        province("XJ", "Xinjiang", "新疆", "NORTHWEST");
        province("GD", "Guangdong", "广东", "SOUTH");
        province("GX", "Guangxi", "广西", "SOUTH");
        province("YN", "Yunnan", "云南", "SOUTH");
        province("GZ", "Guizhou", "贵州", "SOUTH");
        province("HI", "Hainan", "海南", "SOUTH");
    }

    private Regions() {}

    private static void add(String code, String en, String zh, Kind kind, @Nullable String parent) {
        ALL.put(code, new Region(code, new LocalizedText(en, zh), kind, parent));
    }

    private static void grid(String suffix, String en, String zh) {
        add("CN-GRID-" + suffix, en, zh, Kind.GRID_REGION, CHINA);
    }

    private static void province(String iso, String en, String zh, String grid) {
        add("CN-" + iso, en, zh, Kind.PROVINCE, "CN-GRID-" + grid);
    }

    public static Optional<Region> find(String code) {
        return Optional.ofNullable(ALL.get(code));
    }

    public static boolean isKnown(String code) {
        return ALL.containsKey(code);
    }

    /** All regions people can record in: China, its grid regions and provinces. */
    public static List<Region> recordable() {
        return ALL.values().stream()
                .filter(r -> r.kind() == Kind.PROVINCE || r.code().equals(CHINA))
                .toList();
    }

    public static List<Region> all() {
        return List.copyOf(ALL.values());
    }

    /** The selection chain for a region, most specific first: province → grid region → China → global. */
    public static List<String> chain(@Nullable String code) {
        var chain = new ArrayList<String>();
        String current = code == null ? CHINA : code;
        while (current != null) {
            chain.add(current);
            Region region = ALL.get(current);
            current = region == null ? null : region.parent();
        }
        return chain;
    }
}
