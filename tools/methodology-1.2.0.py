#!/usr/bin/env python3
"""Writes lct-1.2.0.json from lct-1.1.0.json: the parameters' ranges and cited defaults, declarability, per-record and
per-day ceilings in grams, and the citations of sources read through reports. Run from the repository root:
    python3 tools/methodology-1.2.0.py
The published file is the record; this script shows how it was derived and is kept for review."""
import copy, json, math
from decimal import Decimal as D

SRC = 'methodology-library/src/main/resources/methodology/lct-1.1.0.json'
OUT = 'methodology-library/src/main/resources/methodology/lct-1.2.0.json'
doc = json.load(open(SRC), parse_float=D, parse_int=D)
v = copy.deepcopy(doc)
v['version'] = '1.2.0'
v['effectiveFrom'] = '2026-12-07'

# --- Sources read through reports: say so, give the formal reference, and never rate them HIGH -------------------
PRIMARY = {
    'MEE-NBS-2021': '生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》（公告2024年第12号），2024年4月12日',
    'MEE-NBS-2022': '生态环境部、国家统计局《关于发布2022年电力二氧化碳排放因子的公告》，2024年12月20日（生态环境部办公厅2024年12月23日印发）',
    'MEE-NBS-2023': '生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》（2026年1月报道）',
    'MEE-2023-MARKET': '生态环境部《关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知》（环办气候函〔2023〕43号），2023年2月',
    'FAO-2013': 'FAO (2013) Food Wastage Footprint: Impacts on Natural Resources. Summary Report. Rome: FAO. ISBN 978-92-5-107752-8',
    'BIR-2008': 'Farrant, L. (2008) Environmental benefits from reusing clothes. University of Copenhagen, for the Bureau of International Recycling',
    'HANDBOOK-2007': '科学技术部《全民节能减排手册》（2007）',
    'ENERGY-SAVING-WEEK-2017': '国家发展和改革委员会等，2017年全国节能宣传周材料（数值沿用《全民节能减排手册》）',
    'TIANJIN-CHOPSTICKS': '天津北方网（enorth.com.cn）报道，2022年3月',
    'FROST-2021-SECONDHAND': '弗若斯特沙利文、清华大学能源环境经济研究所、转转《2021中国闲置二手交易碳减排报告》',
    'MEITUAN-2024': '美团公司发布的“低碳住”与“青山计划·盒聚变”数据（2024）',
    'GHGP-GWP-2024': 'Greenhouse Gas Protocol, Global Warming Potential Values (August 2024), after IPCC AR6 WG1 Chapter 7 Table 7.15',
}
for s in v['sources']:
    if s['id'] in PRIMARY:
        s['secondary'] = True
        s['primaryCitation'] = PRIMARY[s['id']]
secondary = set(PRIMARY)
for f in v['factors']:
    if f['sourceId'] in secondary and f['confidence'] == 'HIGH':
        f['confidence'] = 'MEDIUM'

NEW_SOURCES = [
    dict(id='WRAP-2024-PRELOVED', publisher='WRAP (UK)', title='Fast fashion could be left on the peg as preloved and repair displace new sales (press release)',
         url='https://wrap.ngo/media-centre/press-releases/fast-fashion-could-be-left-peg-preloved-and-repair-displace-new-sales', year=D(2024),
         note='For every 5 preloved items bought, 3 displace a new purchase (64.6%); for every 5 items repaired, 4 displace a new purchase (82.2%). Clothing, UK consumers; used as a proxy for books and electronics until the CCEA replacement-rate tables are obtained.'),
    dict(id='CAS-WWF-2018-FOODWASTE', publisher='Institute of Geographic Sciences and Natural Resources Research, CAS, and WWF China', title='中国城市餐饮食物浪费报告 (2018)',
         url='http://www.hzpanshi.com/a/xinwenzhongxin/gongsizixun/7831.html', year=D(2018), secondary=True,
         primaryCitation='中国科学院地理科学与资源研究所、世界自然基金会（WWF）《中国城市餐饮食物浪费报告》，2018年3月',
         note='Read through a report: 人均食物浪费量约为每餐每人93克，浪费率为12%; Beijing 77 g, Chengdu 103 g; dinner 104 g, lunch 89 g.'),
    dict(id='CUP-MASS-2024', publisher='Trade and vendor pages (thedonutwhole.com; getsetcoffee.com; dllipin.com)', title='Mass of disposable paper cups and lids',
         url='https://thedonutwhole.com/how-much-does-a-paper-cup-weigh/', year=D(2024),
         note='Empty 12 oz paper cups weigh about 8–12 g (4 oz 3–5 g; 20 oz 12–18 g); a 12 oz cup 8–14 g (getsetcoffee.com/?p=5075); a hot-drink lid about 2–3 g (dllipin.com/news/60736.html). No LCA inventory was found; Low confidence.'),
    dict(id='BAG-MASS-2024', publisher='Trade page (dslpack.com)', title='How much does a plastic bag weigh',
         url='https://www.dslpack.com/news/howmuchdoesplasticbagweigh.html', year=D(2024),
         note='An HDPE grocery bag usually weighs around 5 to 10 g; reusable plastic bags 50 g to over 100 g. China bans plastic shopping bags thinner than 0.025 mm; no Chinese bag mass was found. Low confidence.'),
    dict(id='EDELMAN-2014-BAGS', publisher='Edelman Berland, for the American Progressive Bag Alliance', title='Reusable bag study results (2014)',
         url='https://www.slideshare.net/EdelmanBerland/reusable-bag-study-results', year=D(2014),
         note='Non-woven PP bags are each used approximately 15 times, LDPE bags approximately 3 times (US survey, industry-commissioned).'),
    dict(id='CCTV-2010-BEIJING-CARS', publisher='CCTV (BizChina)', title='Beijing private cars average 15,000 km a year',
         url='https://english.cctv.com/program/bizchina/20100412/101284.shtml', year=D(2010),
         note='"Each private car in Beijing is averaging 15,000 kilometers a year" (2010); Tsinghua (2015) gives 18,900 km for light vehicles. 15,000 ÷ 365 = 41 km/day (derived).'),
    dict(id='BAIDU-2014-COMMUTE', publisher='Baidu Maps (百度地图), reported', title='全国上班族通勤距离 (2014)',
         url='https://www.hongweilanqiujulebu.com/hr/xinchouguanli/560946.html', year=D(2014), secondary=True,
         primaryCitation='百度地图2014年全国上班族通勤距离统计（原始发布未读取）',
         note='全国上班族平均上班距离为9.18公里…驾车上班平均距离为8.11公里 (one way); Beijing central city average commute 13.2 km (2023 report).'),
    dict(id='PRC-LABOUR-LAW-1994', publisher='National People\'s Congress of the PRC', title='中华人民共和国劳动法 第三十六条、第四十一条',
         url='http://www.npc.gov.cn/npc/c2/c30834/201901/t20190111_294462.html', year=D(2018),
         note='Art. 36: 每日工作时间不超过八小时; Art. 41: overtime 每日不得超过三小时.'),
    dict(id='SUSTAINGREEN-PAPERLESS', publisher='sustaingreen.com', title='How much does paperless billing really help the environment',
         url='https://sustaingreen.com/how-much-does-paperless-billing-really-help-environment', year=D(2023),
         note='Five bills a month on paper use about 1.9 pounds (862 g) of paper a year: 862 g ÷ 60 bills ≈ 14 g per bill with envelope, about 2.9 A4 sheets (derived). Low confidence.'),
    dict(id='PAPERMYNA-THERMAL', publisher='papermyna.com', title='Receipt paper materials guide',
         url='https://papermyna.com/receipt-paper-materials-guide', year=D(2024),
         note='Thermal receipt paper: basis weight 48–65 gsm typical; common widths 57 mm and 80 mm. Ticket lengths were not found.'),
    dict(id='CENSUS-2020', publisher='National Bureau of Statistics of China', title='第七次全国人口普查公报 (2021)',
         url='https://www.xrxxw.com/article/view/613540.html', year=D(2021), secondary=True,
         primaryCitation='国家统计局《第七次全国人口普查公报（第二号）》，2021年5月11日',
         note='平均每个家庭户的人口为2.62人，比2010年的3.10人减少0.48人.'),
]
v['sources'].extend(NEW_SOURCES)

# --- Parameters: ranges, cited defaults, who may give them, and an explanation in both languages ------------------
def P(default=None, minimum=None, maximum=None, tmin=None, tmax=None, declarable=None, source=None, en='', zh='', drop_note=True):
    return dict(default=default, min=minimum, max=maximum, tmin=tmin, tmax=tmax, declarable=declarable, source=source, en=en, zh=zh)

SPEC = {
    'occupancy': P(1, 1, 9, 1, 5, source='DB11T-3043-2024',
        en='People who would have shared the car, you included. 1 (driving alone) unless you know otherwise. At most 9: a small passenger car has at most nine seats (DB11/T 3043-2024 scope); more than 5 is unusual and held for review.',
        zh='原本会同乘这辆车的人数（含您本人）。除非确知，否则按1人（独自开车）计。最多9人：小微型客车不超过9座（DB11/T 3043-2024）；超过5人较少见，将交由审核。'),
    'pairsPerOrder': P(1, 1, 20, 1, 4,
        en='Pairs of disposable chopsticks the order would have come with. 1 unless the order was for several people.',
        zh='该订单原本会附带的一次性筷子双数。除多人订餐外按1双计。'),
    'sheetMass': P(D('0.00499'), D('0.001'), D('0.02'), D('0.003'), D('0.0065'),
        en='Mass of one sheet: 4.99 g for A4 at 80 g/m² (ISO 216, derived). Lighter or smaller paper weighs less.',
        zh='每张纸的质量：A4、80克/平方米纸为4.99克（按ISO 216推算）。更薄或更小的纸更轻。'),
    'carSubstitutionShare': P(D('0.31'), D('0.01'), 1, D('0.1'), D('0.5'), source='MEITUAN-EBIKE-REPORT',
        en='Share of such trips that replace a car trip. Default 0.31: 31% of shared e-bike trips replace car-dominated trips (Meituan with the MEE Environmental Development Centre), used until the city bike-share methodology\'s share is obtained. Declaring 1 (you would certainly have driven) is held for review.',
        zh='此类出行中替代小汽车出行的比例。默认0.31：美团与生态环境部环境发展中心等的报告显示，31%的共享电单车出行替代了以小汽车为主的出行；在取得城市共享单车方法学的比例前沿用此值。申报为1（确定本会开车）将交由审核。'),
    'ebikeKwhPerKm': P(D('0.0197'), D('0.005'), D('0.1'), D('0.008'), D('0.03'), source='MEITUAN-EBIKE-REPORT',
        en='Electricity an e-bike uses per km, charging losses included. Default 0.0197 kWh/km, derived: a car emits 16 times a shared e-bike per km (Meituan report), 167.25 g/km ÷ 16 = 10.45 g/km, ÷ 530.6 g/kWh (China grid 2023).',
        zh='电单车每公里耗电量（含充电损耗）。默认0.0197千瓦时/公里，推算：小汽车每公里排放是共享电单车的16倍（美团报告），167.25克/公里 ÷ 16 = 10.45克/公里，再 ÷ 530.6克/千瓦时（2023年全国电网）。'),
    'kWhPerKm': P(D('0.2286'), D('0.05'), D('0.6'), D('0.11'), D('0.25'), source='DESNZ-2025',
        en='Electricity charged per km driven, losses included. Default 0.2286 kWh/km, derived from DESNZ 2025: battery electric car 0.04047 kg/km ÷ UK electricity 0.177 kg/kWh. Chinese test-cycle values are lower (11–15 kWh/100 km), so the default is conservative.',
        zh='每行驶1公里的充电量（含损耗）。默认0.2286千瓦时/公里，依据英国DESNZ 2025推算：纯电动车0.04047千克/公里 ÷ 英国电力0.177千克/千瓦时。国内工况测试值更低（11–15千瓦时/百公里），故默认值偏保守。'),
    'carpoolOccupants': P(2, 2, 9, 2, 4, source='TCCAA-38-2021',
        en='People in the shared car, the driver included. Default 2, the fewest a shared ride can have and so the smallest reduction: T/CCAA 38-2021\'s values were not obtained.',
        zh='合乘车内人数（含司机）。默认2人：合乘的最少人数，对应最小的减排量；T/CCAA 38-2021的取值尚未取得。'),
    'detourRatio': P(D('1.5'), 1, 3, 1, D('1.5'), source='TCCAA-38-2021',
        en='Distance the shared car drove ÷ your direct distance. Default 1.5, a conservative assumption (Low confidence): T/CCAA 38-2021 uses a driver detour factor (车主绕行系数) whose value was not obtained. Give the platform\'s figure if you have it.',
        zh='合乘车辆行驶距离 ÷ 您的直达距离。默认1.5，为保守假设（低可信度）：T/CCAA 38-2021采用“车主绕行系数”，其取值尚未取得。如有平台数据请填写。'),
    'usualDailyKm': P(41, 1, 300, 10, 60, source='CCTV-2010-BEIJING-CARS',
        en='The km your car usually drives on such a day. Default 41 km/day, derived: Beijing private cars average 15,000 km a year (2010) ÷ 365. More than 60 km/day is held for review.',
        zh='您的车在这样的一天通常行驶的公里数。默认41公里/天，推算：北京私家车年均行驶15000公里（2010年）÷ 365。超过60公里/天将交由审核。'),
    'wasteAvoidedKg': P(D('0.093'), D('0.001'), 2, D('0.02'), D('0.2'), source='CAS-WWF-2018-FOODWASTE',
        en='Food that would have been left over. Default 0.093 kg: the average plate waste per person per meal in Chinese city restaurants (CAS and WWF, 2018), so a small portion is credited at most one person\'s whole plate waste.',
        zh='原本会剩下的食物量。默认0.093千克：中国城市餐馆人均每餐浪费量（中科院地理所与WWF，2018），即一份小份菜最多按一个人一餐的浪费量计。'),
    'singleUseCupMass': P(D('0.0125'), D('0.002'), D('0.05'), D('0.008'), D('0.02'), source='CUP-MASS-2024',
        en='Mass of the disposable cup and lid you avoided. Default 12.5 g: a 12 oz (350 ml) paper cup of about 10 g plus a lid of about 2.5 g (trade sources, Low confidence).',
        zh='您避免使用的一次性杯子及杯盖质量。默认12.5克：12盎司（350毫升）纸杯约10克，加杯盖约2.5克（行业资料，低可信度）。'),
    'breakEvenUses': P(None, 1, 1000, 3, 131,
        en='Uses a reusable item needs before it has caused less than the single-use items it replaces.',
        zh='可重复使用的物品需要使用多少次，其碳足迹才低于被替代的一次性物品。'),
    'lifetimeUses': P(None, 1, 5000, 3, 1000,
        en='Uses you expect from your reusable item over its life.',
        zh='您预计这件可重复使用物品的总使用次数。'),
    'singleUseBagMass': P(D('0.0075'), D('0.001'), D('0.05'), D('0.004'), D('0.015'), source='BAG-MASS-2024',
        en='Mass of the single-use plastic bag you avoided. Default 7.5 g, the middle of 5–10 g for an HDPE grocery bag (trade source, Low confidence).',
        zh='您避免使用的一次性塑料袋质量。默认7.5克，取HDPE购物袋5–10克的中值（行业资料，低可信度）。'),
    'footprintDifferenceKg': P(None, D('0.001'), 1000, 0, 50, declarable=False,
        en='The conventional product\'s footprint minus the certified product\'s, same boundary and functional unit. It comes only from the product\'s reviewed disclosure (or a partner\'s order data), never from what a participant types.',
        zh='常规产品碳足迹减去认证产品碳足迹（系统边界和功能单位相同）。此值只能来自经审核的产品披露（或合作方订单数据），不接受参与者自行填写。'),
    'avoidedReplacementRate': P(D('0.822'), D('0.01'), 1, D('0.3'), D('0.9'), source='WRAP-2024-PRELOVED',
        en='Share of a new replacement the repair avoids. Default 0.822: for every 5 items repaired, 4 displace a new purchase (WRAP 2024, clothing, used here as a proxy). Declaring more than 0.9 is held for review.',
        zh='维修所避免的换新比例。默认0.822：每维修5件物品，有4件替代了新购（WRAP 2024，服装数据，此处作为参考值）。申报超过0.9将交由审核。'),
    'replacementRate': P(D('0.646'), D('0.01'), 1, D('0.3'), D('0.9'), source='WRAP-2024-PRELOVED',
        en='Share of a new item\'s production that this second-hand item avoids (新品替代率). Default 0.646: for every 5 preloved items bought, 3 displace a new purchase (WRAP 2024, clothing, used as a proxy until the CCEA tables are obtained).',
        zh='这件二手物品所避免的新品生产比例（新品替代率）。默认0.646：每购买5件二手物品，有3件替代了新购（WRAP 2024，服装数据；在取得中国循环经济协会标准取值前作为参考值）。'),
    'perCapitaBaselineKwh': P(None, D('0.1'), 50, 1, 10, declarable=False,
        en='The city methodology\'s per-capita daily baseline (Shenzhen 2022). It is set by the partner applying the methodology, never typed by a participant.',
        zh='城市方法学规定的人均日用电基准（深圳2022）。由采用该方法学的合作方提供，不接受参与者自行填写。'),
    'householdSize': P(None, 1, 20, 1, 6, source='CENSUS-2020',
        en='People living in the household (the 2020 census average is 2.62).',
        zh='家庭常住人数（2020年人口普查平均为2.62人）。'),
    'actualKwh': P(None, D('0.01'), 200, D('0.5'), 40,
        en='Household electricity that day, from the meter or the grid company\'s daily data.',
        zh='当天家庭用电量，来自电表或电网公司的日数据。'),
    'commuteKm': P(D('16.2'), D('0.5'), 200, 5, 60, source='BAIDU-2014-COMMUTE',
        en='Your usual round trip to work by car. Default 16.2 km, derived: the average one-way driving commute in China is 8.11 km (Baidu Maps 2014) × 2.',
        zh='您平时开车上下班的往返距离。默认16.2公里，推算：全国驾车通勤平均单程8.11公里（百度地图2014）× 2。'),
    'homeworkingHours': P(8, D('0.5'), 24, 1, 11, source='PRC-LABOUR-LAW-1994',
        en='Hours worked at home that day. Default 8, the statutory working day (Labour Law Art. 36).',
        zh='当天居家工作的小时数。默认8小时，即法定每日工作时间（《劳动法》第三十六条）。'),
    'sheetsPerBill': P(2, 1, 50, 1, 6, source='SUSTAINGREEN-PAPERLESS',
        en='Sheets in one paper bill. Default 2, rounded down from about 2.9 A4-sheet masses per mailed bill with its envelope (derived, Low confidence).',
        zh='每份纸质账单的张数。默认2张，由每份邮寄账单（含信封）约合2.9张A4纸的质量向下取整（推算，低可信度）。'),
    'ticketMass': P(D('0.00022'), D('0.0001'), D('0.02'), D('0.0002'), D('0.005'), source='PAPERMYNA-THERMAL',
        en='Mass of one paper ticket. Default 0.22 g, derived conservatively: a 57 mm × 80 mm thermal slip at 48 g/m², the narrowest common width and lightest typical paper.',
        zh='每张纸质票的质量。默认0.22克，保守推算：57毫米 × 80毫米热敏纸条，48克/平方米（最窄的常用宽度、最轻的常用纸张）。'),
}
# Per behaviour where the same parameter differs.
PER_BEHAVIOUR = {
    ('BRING_OWN_CUP', 'breakEvenUses'): dict(default=100, tmin=20, tmax=100, source='CIRAIG-CUPS',
        en='Uses a reusable cup needs to offset a single-use cup\'s footprint: 20–100 (CIRAIG for RECYC-QUÉBEC); the conservative 100 is the default.',
        zh='自带杯抵消一次性杯子碳足迹所需的使用次数：20–100次（CIRAIG为魁北克回收局所做研究）；默认取保守的100次。'),
    ('BRING_OWN_CUP', 'lifetimeUses'): dict(default=200, tmin=20, tmax=1000, source='CIRAIG-CUPS',
        en='Uses you expect from your cup. Default 200, an assumption (Low confidence): twice the conservative break-even count. Below the break-even count nothing is credited.',
        zh='您预计这只杯子的使用次数。默认200次，为假设值（低可信度）：保守盈亏平衡次数的两倍。低于盈亏平衡次数则不计减排。'),
    ('REUSABLE_BAG', 'breakEvenUses'): dict(default=11, tmin=3, tmax=131, source='EA-2011-CARRIER-BAGS',
        en='Uses your bag needs to beat single-use HDPE bags: non-woven PP 11 (the default, the common 无纺布 bag), LDPE bag for life 4, paper 3, cotton 131 (UK Environment Agency, 2011).',
        zh='您的袋子需要使用多少次才优于一次性HDPE塑料袋：无纺布（聚丙烯）袋11次（默认，常见的无纺布袋）、加厚LDPE袋4次、纸袋3次、棉布袋131次（英国环境署，2011）。'),
    ('REUSABLE_BAG', 'lifetimeUses'): dict(default=15, tmin=3, tmax=200, source='EDELMAN-2014-BAGS',
        en='Uses you expect from your bag. Default 15: non-woven PP bags are used about 15 times each (survey, 2014). Below the break-even count nothing is credited.',
        zh='您预计这只袋子的使用次数。默认15次：无纺布袋平均每只使用约15次（2014年调查）。低于盈亏平衡次数则不计减排。'),
}

def num(x):
    return None if x is None else (x if isinstance(x, D) else D(str(x)))

source_ids = {s['id'] for s in v['sources']}
for b in v['behaviours']:
    for p in b.get('parameters', []):
        spec = dict(SPEC[p['id']])
        spec.update(PER_BEHAVIOUR.get((b['code'], p['id']), {}))
        if spec['default'] is not None:
            p['defaultValue'] = num(spec['default'])
        elif 'defaultValue' in p:
            del p['defaultValue']
        if spec['min'] is not None:
            p['min'] = num(spec['min'])
        if spec['max'] is not None:
            p['max'] = num(spec['max'])
        if spec['tmin'] is not None:
            p['typicalMin'] = num(spec['tmin'])
        if spec['tmax'] is not None:
            p['typicalMax'] = num(spec['tmax'])
        if spec['declarable'] is not None:
            p['declarable'] = spec['declarable']
        if spec['source']:
            assert spec['source'] in source_ids, spec['source']
            p['sourceId'] = spec['source']
        p['explanation'] = {'en': spec['en'], 'zh': spec['zh']}
        p.pop('note', None)

# --- Ceilings: the most a day's quantity can give at typical parameters and the highest factor, rounded up ----------
factors = [f for f in v['factors'] if f['purpose'] in ('CONSUMPTION_ACCOUNTING', 'LIFE_CYCLE_ASSESSMENT')]
GRAMS = {'G': D(1), 'KG': D(1000), 'T': D(1000000)}
def grams(activity, pick):
    values = [num(f['value']) * GRAMS[f['massUnit']] for f in factors if f['activity'] == activity]
    return pick(values)

def round_up(x):
    if x <= 0:
        return 1000
    digits = int(math.floor(math.log10(float(x)))) - 1
    step = D(10) ** digits
    return int((x / step).to_integral_value(rounding='ROUND_CEILING') * step)

for b in v['behaviours']:
    params = {p['id']: p for p in b.get('parameters', [])}
    def value(pid, larger):
        p = params[pid]
        candidates = [num(p.get('typicalMax')) if larger else num(p.get('typicalMin')), num(p.get('defaultValue'))]
        candidates = [c for c in candidates if c is not None and c > 0]
        if not candidates:
            candidates = [num(p.get('max')) if larger else num(p.get('min'))]
        return max(candidates) if larger else min(candidates)
    def term(t, larger):
        g = grams(t['activity'], max if larger else min)
        for m in t.get('multiply') or []:
            g *= value(m, larger)
        for d in t.get('divide') or []:
            g /= value(d, not larger)
        if t.get('coefficient') is not None:
            g *= num(t['coefficient'])
        return g
    per_unit = sum((term(t, True) for t in b['baselineTerms']), D(0)) - sum((term(t, False) for t in b['projectTerms']), D(0))
    ceiling = round_up(per_unit * num(b['maxPerDay']))
    b['maxGramsPerRecord'] = ceiling
    b['maxGramsPerDay'] = ceiling

v['changelog'] = {
    'en': 'Every number a person types is bounded by the methodology. Each parameter now has a physical range (a value outside is refused, naming it) and a typical range (a value declared outside it is held for a reviewer); each behaviour has a published ceiling in grams per record and per day (the most its daily quantity gives at typical parameters and the highest factor, rounded up): a reduction above the per-record ceiling is cut to it and held for review, and a day above the per-day ceiling is held. Parameters nobody can know now have cited defaults (cup and bag masses and uses, replacement and repair rates from WRAP 2024, food waste per meal from CAS/WWF 2018, usual daily driving and commute distances, e-bike and electric-car electricity per km, sheets per bill, ticket mass, car-pool occupants and detour), so bring-your-own-cup, reusable bags, bike share, small portions, second-hand and repair, car-free days and working from home can be recorded by anyone; every default says where it comes from. A product\'s footprint difference and a per-capita electricity baseline come only from their source (the product registry, a partner), never from a participant. Sources read through reports are marked as such with their formal reference, and none of their factors is rated High any longer (the MEE/NBS grid factors, the GWP table). Parameter explanations are in both languages.',
    'zh': '参与者填写的每个数值都受方法学约束。每个参数新增物理范围（超出即拒绝并指明参数）和常见范围（申报值超出常见范围则交由审核）；每类行为公布每条记录和每天的减排上限（克），即按常见参数和最高因子计算当日最大数量可得的减排量并向上取整：单条记录超过上限时按上限计并交由审核，当天累计超过每日上限时交由审核。原本无人能知的参数现在都有注明来源的默认值（杯子和购物袋的质量与使用次数、WRAP 2024的新品替代率和维修替代率、中科院与WWF 2018的每餐浪费量、日常驾车和通勤距离、电单车和电动车每公里耗电、每份账单张数、票据质量、合乘人数和绕行系数），因此自带杯、自带购物袋、共享单车、点小份菜、二手与维修、自愿停驶和居家办公等行为人人都能记录；每个默认值都说明出处。产品碳足迹差值和人均用电基准只能来自其来源（产品登记库、合作方），不接受参与者填写。经转载读取的来源均已标注并给出正式出处，其因子不再评为高可信度（生态环境部/国家统计局电网因子、全球增温潜势表）。参数说明提供中英文两种语言。',
}

# Words, not codes: the Chinese title names the platform in Chinese, and notes and explanations name a behaviour's
# parameters by their names, never by their ids.
v['title']['zh'] = '低碳同行碳减排核算方法学'
for b in v['behaviours']:
    names = {p['id']: p['name'] for p in (b.get('parameters') or [])}
    texts = [b.get(f) for f in ('note', 'description')] + [p.get('explanation') for p in (b.get('parameters') or [])]
    for text in texts:
        if isinstance(text, dict):
            for pid, name in names.items():
                text['en'] = (text.get('en') or '').replace(pid, name['en'].lower()) if text.get('en') else text.get('en')
                text['zh'] = (text.get('zh') or '').replace(pid, '“' + name['zh'] + '”') if text.get('zh') else text.get('zh')

with open(OUT, 'w') as out:
    json.dump(v, out, ensure_ascii=False, indent=2, default=lambda o: int(o) if o == o.to_integral_value() and abs(o) < 10**15 and 'E' not in str(o) and '.' not in str(o) else float(o))
    out.write('\n')
for b in v['behaviours']:
    print(b['code'], b['maxPerDay'], b['unit'], b['maxGramsPerRecord'])
