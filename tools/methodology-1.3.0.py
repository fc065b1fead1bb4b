#!/usr/bin/env python3
"""Writes lct-1.3.0.json from lct-1.2.0.json: the product registry's category baselines as part of the methodology, and
three behaviours crediting a bicycle trip that replaced a taxi, a bus or a metro trip. Nothing of 1.2.0 changes.
Run from the repository root:
    python3 tools/methodology-1.3.0.py
The published file is the record; this script shows how it was derived and is kept for review."""
import copy, json, math
from decimal import Decimal as D

SRC = 'methodology-library/src/main/resources/methodology/lct-1.2.0.json'
OUT = 'methodology-library/src/main/resources/methodology/lct-1.3.0.json'
doc = json.load(open(SRC), parse_float=D, parse_int=D)
v = copy.deepcopy(doc)
v['version'] = '1.3.0'
# The same day as 1.2.0: the version in effect is the highest-numbered published one whose day has come, so 1.3.0
# supersedes 1.2.0 from 2026-12-07 on; it changes none of 1.2.0's numbers, so no figure of any day differs.
v['effectiveFrom'] = '2026-12-07'
factors = {f['id']: f for f in v['factors']}
GRAMS = {'G': D(1), 'KG': D(1000), 'T': D(1000000)}

# --- Product category baselines: the typical footprint per functional unit of each registry category ----------------
def kg_per_kg(factor_id):
    f = factors[factor_id]
    assert f['perUnit'] == 'kg' and f['purpose'] == 'CONSUMPTION_ACCOUNTING' and f['sourceId'] == 'DESNZ-2025'
    return D(str(f['value'])) * GRAMS[f['massUnit']] / D(1000)

BOUNDARY_EN = ('DESNZ 2025 material use, primary material production, cradle to gate (UK proxy, kept labelled GB: no '
               'Chinese factor per kg was found). A disclosure is compared per kg of product as it is; one that also '
               'covers use and end of life can only come out higher, so the difference is conservative.')
BOUNDARY_ZH = ('采用DESNZ 2025年物料使用因子中原生物料生产部分，范围为从摇篮到大门（英国代理值，仍标注为GB：未找到中国的每千克因子）。'
               '产品披露值按每千克产品直接比较；若披露范围还包括使用和废弃阶段，数值只会更高，因此差值是保守的。')
SUPPORTED = [
    ('CLOTHING', 'EF-CLOTHING-PRIMARY-GB-2025', 'Clothing', '服装'),
    ('FOOD_AND_DRINK', 'EF-FOOD-DRINK-PRIMARY-GB-2025', 'Food and drink', '食品饮料'),
    ('PAPER_PRODUCTS', 'EF-PAPER-PRIMARY-GB-2025', 'Paper', '纸张'),
    ('SMALL_ELECTRICAL', 'EF-ELECTRICAL-SMALL-PRIMARY-GB-2025', 'Electrical items, small', '小型电器'),
    ('IT_EQUIPMENT', 'EF-ELECTRICAL-IT-PRIMARY-GB-2025', 'Electrical items, IT', '信息技术类电器'),
]
baselines = []
for category, factor_id, material_en, material_zh in SUPPORTED:
    value = kg_per_kg(factor_id).normalize()
    baselines.append({
        'category': category,
        'functionalUnit': 'kg',
        'factorId': factor_id,
        'note': {
            'en': f'Typical footprint: {material_en}, {value:f} kg CO2e per kg. ' + BOUNDARY_EN,
            'zh': f'典型碳足迹：{material_zh}，每千克{value:f} kg CO2e。' + BOUNDARY_ZH,
        },
    })
baselines.append({
    'category': 'HOUSEHOLD_APPLIANCES',
    'functionalUnit': 'kg',
    'unsupportedReason': {
        'en': 'The methodology has no cited typical footprint for large household appliances: DESNZ 2025 gives material '
              'factors for small electrical and IT items only, and most of a large appliance\'s footprint is the '
              'electricity it uses over its life, which a footprint per kg does not capture. Its energy label is shown, '
              'but buying one earns no credit.',
        'zh': '方法学没有大型家用电器的有据可查的典型碳足迹：DESNZ 2025只提供小型电器和信息技术类电器的物料因子，而大型家电的碳足迹'
              '主要来自使用期间消耗的电力，按每千克计的碳足迹无法反映。其能效标识照常展示，但购买不计减排。',
    },
})
baselines.append({
    'category': 'CLEANING_AND_PERSONAL_CARE',
    'functionalUnit': 'kg',
    'unsupportedReason': {
        'en': 'The methodology has no cited typical footprint for cleaning and personal-care products: the reference '
              'sources give no factor per kg for detergents, soaps or cosmetics (DESNZ 2025 material factors cover '
              'their plastic packaging, not their contents), so buying one earns no credit.',
        'zh': '方法学没有清洁和个人护理用品的有据可查的典型碳足迹：参考来源中没有洗涤剂、肥皂或化妆品的每千克因子（DESNZ 2025的物料因子'
              '只涵盖其塑料包装，不含内容物），因此购买不计减排。',
    },
})
v['productBaselines'] = baselines

# --- A bicycle trip that replaced a taxi, a bus or a metro trip -----------------------------------------------------
cycle = next(b for b in v['behaviours'] if b['code'] == 'CYCLE_INSTEAD_OF_CAR')
SUBSTITUTION_EN = ('The baseline is the mode you declare you would otherwise have taken (substitution method, 替代法; '
                   'Huang et al. 2017, source HUANG-2017), at its average emissions per passenger-km; the bicycle counts '
                   'as zero operational emissions, as in “Cycle instead of driving”. ')
SUBSTITUTION_ZH = ('基准为您申报的原本会采用的出行方式（替代法；黄莹等2017，来源HUANG-2017），按其每人公里平均排放计；自行车运行阶段按零排放计，'
                   '与“骑自行车代替开车”相同。')
PUBLIC_EN = ('Beijing-Tianjin-Hebei standards count buses and urban rail as low-carbon modes, not as the high-carbon '
             'baseline (DB13/T draft 2023, source DB13T-2023-DRAFT): the average factor is an attributional share, and '
             'one rider fewer does not stop a bus or a train, so the uncertainty is raised. ')
PUBLIC_ZH = ('京津冀标准将公交和城市轨道交通列为低碳出行方式，而非高碳基准（DB13/T 2023年征求意见稿，来源DB13T-2023-DRAFT）：'
             '平均因子只是按人分摊的份额，少一名乘客不会让公交或列车停运，因此提高了不确定性。')
NEW = [
    dict(code='CYCLE_INSTEAD_OF_TAXI', activity='taxi', factor='EF-TAXI-GB-2025', symbol='EF_taxi', uncertainty=20,
         name=('Cycle instead of a taxi', '骑自行车代替打车'),
         mode=('taxi or ride-hailing', '打车（出租车或网约车）'),
         base=('The same trip by taxi, per passenger-km.', '同一段行程乘坐出租车，按每人公里计。'),
         what=('DESNZ 2025 regular taxi 0.14861 kg CO2e/passenger-km (25_313_3141_11_1), the factor “Take the bus instead '
               'of a taxi” and “Take the metro instead of a taxi” use (UK proxy; no Chinese per-passenger-km value found). ',
               '因子采用DESNZ 2025年普通出租车0.14861 kg CO2e/人公里（25_313_3141_11_1），与“乘公交代替打车”“乘地铁代替打车”相同'
               '（英国代理值；未找到中国的每人公里值）。'),
         extra=('', '')),
    dict(code='CYCLE_INSTEAD_OF_BUS', activity='bus.local_average', factor='EF-BUS-LOCAL-AVG-GB-2025', symbol='EF_bus',
         uncertainty=40,
         name=('Cycle instead of the bus', '骑自行车代替乘公交'),
         mode=('a local bus', '乘坐本地公交'),
         base=('The same trip by local bus, per passenger-km.', '同一段行程乘坐本地公交，按每人公里计。'),
         what=('DESNZ 2025 average local bus 0.10385 kg CO2e/passenger-km (25_314_3145_11_1), the factor “Take the bus '
               'instead of driving” uses (UK proxy; no Chinese per-passenger-km value found). ',
               '因子采用DESNZ 2025年本地公交平均值0.10385 kg CO2e/人公里（25_314_3145_11_1），与“乘公交代替开车”相同'
               '（英国代理值；未找到中国的每人公里值）。'),
         extra=(PUBLIC_EN, PUBLIC_ZH)),
    dict(code='CYCLE_INSTEAD_OF_METRO', activity='metro', factor='EF-METRO-GB-2025', symbol='EF_metro', uncertainty=40,
         name=('Cycle instead of the metro', '骑自行车代替乘地铁'),
         mode=('the metro', '乘坐地铁'),
         base=('The same trip by metro, per passenger-km.', '同一段行程乘坐地铁，按每人公里计。'),
         what=('DESNZ 2025 London Underground 0.0278 kg CO2e/passenger-km (25_315_3150_11_1), the factor “Take the metro '
               'instead of driving” uses (UK proxy; no Chinese per-passenger-km value found; alternatives are listed there). ',
               '因子采用DESNZ 2025年伦敦地铁0.0278 kg CO2e/人公里（25_315_3150_11_1），与“乘地铁代替开车”相同'
               '（英国代理值；未找到中国的每人公里值；备选值见该行为）。'),
         extra=(PUBLIC_EN, PUBLIC_ZH)),
]

def round_up(x):
    # As 1.2.0: the most a day's quantity gives at the highest factor, rounded up to two significant digits.
    digits = int(math.floor(math.log10(float(x)))) - 1
    step = D(10) ** digits
    return int((x / step).to_integral_value(rounding='ROUND_CEILING') * step)

added = []
for n in NEW:
    used = [f for f in v['factors'] if f['activity'] == n['activity'] and f['purpose'] == 'CONSUMPTION_ACCOUNTING']
    assert [f['id'] for f in used] == [n['factor']], used
    highest = max(D(str(f['value'])) * GRAMS[f['massUnit']] for f in used)
    ceiling = round_up(highest * D(200))
    added.append({
        'code': n['code'],
        'category': 'TRANSPORT',
        'name': {'en': n['name'][0], 'zh': n['name'][1]},
        'description': {
            'en': f'Riding a bicycle (your own or a shared one) for a trip you would otherwise have made by {n["mode"][0]}. '
                  f'The reduction is what that trip would have emitted per passenger-km over the distance you rode.',
            'zh': f'骑自行车（自己的或共享单车）完成原本要{n["mode"][1]}的出行。减排量为这段路程原出行方式按每人公里计本会产生的排放。',
        },
        'baseline': {'en': n['base'][0], 'zh': n['base'][1]},
        'alternative': copy.deepcopy(cycle['alternative']),
        'formula': f'ER = d × {n["symbol"]}',
        'unit': 'km',
        'unitConversions': {'km': D(1), 'm': D('0.001')},
        'parameters': [],
        'baselineTerms': [{'activity': n['activity']}],
        'projectTerms': [],
        'evidence': ['SELF_REPORT', 'GPS', 'PARTNER_VERIFIED'],
        'maxPerDay': D(200),
        'uncertaintyPercent': D(n['uncertainty']),
        'note': {
            'en': 'Factor: ' + n['what'][0] + 'It is already per passenger-km, so no occupancy is applied. '
                  + SUBSTITUTION_EN + n['extra'][0]
                  + 'A ride uploaded as a GPS file or reported by a partner is credited here when you say it replaced '
                  'this mode; an e-bike ride is not (no e-bike behaviour replaces public transport or taxis yet). '
                  'Never record the same trip under another behaviour.',
            'zh': n['what'][1] + '该因子已按每人公里计，不再除以载客人数。' + SUBSTITUTION_ZH + n['extra'][1]
                  + '以GPS文件上传或由合作方上报的骑行，若您申报替代的是这种方式，即按本行为记入；电单车骑行不适用（尚无电单车替代公共交通或打车的行为）。'
                  '同一次出行不得重复记录。',
        },
        'baselineMethod': 'SUBSTITUTION',
        'maxGramsPerRecord': ceiling,
        'maxGramsPerDay': ceiling,
    })
codes = [b['code'] for b in v['behaviours']]
at = codes.index('CYCLE_INSTEAD_OF_CAR') + 1
v['behaviours'][at:at] = added

v['changelog'] = {
    'en': 'Two additions; nothing of 1.2.0 changes — its 57 behaviours, 119 factors, 38 sources, parameters and '
          'ceilings stay as they were, and records credited under earlier versions stay as they were credited. '
          '(1) The product registry\'s category baselines are part of the methodology: for each category, its '
          'functional unit (kg) and its typical footprint per kg with the factor and source — DESNZ 2025 material use, '
          'primary production: clothing 22.31, food and drink 3.70140359, paper 1.3450779, small electrical items '
          '5.64794563 and IT equipment 24.86547556 kg CO2e per kg — or, for large household appliances and for '
          'cleaning and personal care, the reason there is none. A certified green product is credited from its verified '
          'disclosure against the baseline of the version in effect on the day it was bought; no earlier version has '
          'category baselines. (2) Three behaviours — “Cycle instead of a taxi”, “Cycle instead of the bus” and “Cycle '
          'instead of the metro” — credit a bicycle trip (own or shared) that replaced a taxi, a bus or a metro trip, at the DESNZ 2025 factor already in the catalogue for that mode: regular taxi 0.14861, average '
          'local bus 0.10385 and London Underground 0.0278 kg CO2e per passenger-km; self-reported, GPS or partner '
          'evidence; at most 200 km a day; ceilings of 30,000, 21,000 and 5,600 g per record and per day; uncertainty '
          '20 %, 40 % and 40 %. An e-bike trip replacing these modes has no behaviour yet. 60 behaviours in all.',
    'zh': '两项新增；1.2.0的内容均不改变——其57种行为、119个因子、38个来源、各项参数和上限保持原样，按早期版本记入的记录保持记入时的数值。'
          '（1）产品登记库的类别基准成为方法学的一部分：每个类别给出功能单位（千克）及每千克典型碳足迹和所用因子与来源——DESNZ 2025'
          '物料使用因子的原生生产部分：服装22.31、食品饮料3.70140359、纸张1.3450779、小型电器5.64794563、信息技术设备24.86547556'
          ' kg CO2e/千克；大型家用电器以及清洁和个人护理用品则说明没有基准的原因。认证绿色产品按其经核实的披露值与购买当天生效版本中的'
          '类别基准比较后记入；此前的版本均没有类别基准。（2）新增“骑自行车代替打车”“骑自行车代替乘公交”“骑自行车代替乘地铁”三种行为，记入替代打车、乘公交或乘地铁的自行车骑行（自有或共享），'
          '采用目录中该方式已有的DESNZ 2025因子：普通出租车0.14861、本地公交平均值0.10385、伦敦地铁0.0278 kg CO2e/人公里；'
          '接受自行申报、GPS或合作方证据；每天最多200公里；每条记录和每天的上限分别为30,000、21,000和5,600克；不确定性分别为20%、40%和40%。'
          '电单车替代这些方式的出行尚无对应行为。共60种行为。',
}

with open(OUT, 'w') as out:
    json.dump(v, out, ensure_ascii=False, indent=2, default=lambda o: int(o) if o == o.to_integral_value() and abs(o) < 10**15 and 'E' not in str(o) and '.' not in str(o) else float(o))
    out.write('\n')
for b in added:
    print(b['code'], b['maxGramsPerRecord'])
for b in baselines:
    print(b['category'], b.get('factorId'), b['note']['en'][:90] if 'note' in b else '')
