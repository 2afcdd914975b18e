/* jl-demo.c: realistic Chinese demo data
 *
 * Builds a city modelled on the seed report (a Fujian city's "red
 * close-neighbour" Party building): communities with their Party
 * committees, estates, branches and building groups, grids, people,
 * partner units with their linked estates, projects, problems and
 * part-time committee members, meetings with minutes, and evaluation
 * rounds with score sheets. The seed's figures come out exactly when they
 * are computed from the data (1,219 branches covering all 1,521 estates,
 * 485 red owners' committees of 674 = 72%, 400 red property companies of
 * 583 = 68.6%, 902 partner units, 222 part-time members).
 *
 * Per community: a joint meeting a quarter for the last four quarters
 * (this quarter's is missing in ten communities × scale, so the app has
 * something to warn about), monthly committee meetings, a general meeting
 * and a few residents' consultations; last year's evaluation rounds are
 * published with their sheets, this year's are being prepared. At scale
 * 1 that is about 1,600 meetings, 7,700 score sheets and 60,000 records.
 *
 * The plan (who gets a red committee, which communities miss a meeting)
 * is drawn first from its own random stream; then each community draws
 * from its own stream and numbers its own ids, so changing what one
 * community gets changes nothing in the others.
 *
 * Everything goes through jl_store_put, so every rule the store enforces
 * holds for the demo data too. Record ids are UUIDv5 of the seed, the
 * scale, the community and a counter, and every value derives from the
 * seed and today's date, so one seed gives the same export on any store
 * created the same day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include <string.h>

#include "jl-demo.h"
#include "jl-store-sync.h"
#include "jl-uuid.h"
#include "jl-validate.h"

/* The seed's figures, per unit of scale. */
#define N_COMMUNITIES       159
#define N_ESTATES           1521
#define N_BRANCHES          1219
#define N_GRIDS             1345
#define N_UNITS             902
#define N_PART_TIME         222
#define N_OWNERS_COMMITTEES 674
#define N_RED_OC            485
#define N_PROPERTY          583
#define N_RED_PROPERTY      400
#define N_MISSING_JOINT     10     /* communities without this quarter's joint meeting */

#define MIN_PER_COMMUNITY   3      /* property companies and owners' committees */
#define MAX_LOCAL           256    /* estates, units, branches of one community */
#define N_COMPANIES         48     /* property companies of the city */

G_STATIC_ASSERT (MIN_PER_COMMUNITY * N_COMMUNITIES <= N_PROPERTY);
G_STATIC_ASSERT (MIN_PER_COMMUNITY * N_COMMUNITIES <= N_OWNERS_COMMITTEES);
G_STATIC_ASSERT (2 * N_BRANCHES >= N_ESTATES && N_BRANCHES <= N_ESTATES);

#define FLAG_OC     (1 << 0)
#define FLAG_RED_OC (1 << 1)
#define FLAG_PC     (1 << 2)
#define FLAG_RED_PC (1 << 3)

/* Random numbers: splitmix64, so that a seed gives the same city on every
 * platform and GLib version. */

typedef struct
{
  guint64 s;
} Rng;

static guint64
rng_next (Rng *r)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Independent streams: one for the plan, one per community. */
static void
rng_init (Rng     *r,
          guint32  seed,
          guint64  stream)
{
  r->s = ((guint64) seed << 32) ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  rng_next (r);
}

/* 0 … n − 1 (0 when n is 0). */
static guint
rng_below (Rng   *r,
           guint  n)
{
  return n ? (guint) (rng_next (r) % n) : 0;
}

/* lo … hi inclusive. */
static guint
rng_range (Rng   *r,
           guint  lo,
           guint  hi)
{
  return lo + rng_below (r, hi - lo + 1);
}

static gboolean
rng_chance (Rng   *r,
            guint  percent)
{
  return rng_below (r, 100) < percent;
}

static double
rng_unit (Rng *r)
{
  return (double) (rng_next (r) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

#define PICK(r, array) ((array)[rng_below ((r), G_N_ELEMENTS (array))])

/* Marks exactly @k of @n slots with @flag where @mask is set (or all
 * slots when @mask is 0): Knuth's selection sampling, one pass. */
static void
choose_exact (Rng    *r,
              guint8 *flags,
              guint   n,
              guint8  mask,
              guint   k,
              guint8  flag)
{
  guint candidates = 0;

  for (guint i = 0; i < n; i++)
    if (mask == 0 || (flags[i] & mask))
      candidates++;
  g_assert (k <= candidates);

  for (guint i = 0; i < n && k > 0; i++)
    {
      if (mask != 0 && !(flags[i] & mask))
        continue;
      if (rng_below (r, candidates) < k)
        {
          flags[i] |= flag;
          k--;
        }
      candidates--;
    }
}

/* Splits @total over @n slots, each at least @min, unevenly but with the
 * exact total. */
static void
distribute (Rng   *r,
            guint  total,
            guint  n,
            guint  min,
            guint  max,
            guint *out)
{
  g_autofree guint8 *extra = g_new0 (guint8, n);

  g_assert (total / n >= min);
  choose_exact (r, extra, n, 0, total % n, 1);
  for (guint i = 0; i < n; i++)
    out[i] = total / n + extra[i];

  for (guint k = 0; k < 2 * n; k++)
    {
      guint from = rng_below (r, n);
      guint to = rng_below (r, n);
      guint delta = rng_range (r, 1, 3);

      if (from != to && out[from] >= min + delta && out[to] + delta <= max)
        {
          out[from] -= delta;
          out[to] += delta;
        }
    }
}

/* Word lists
 */

typedef struct
{
  const char *name;
  const char *code;      /* GB/T 2260 */
  const char *short_name;
  guint       weight;    /* share of the communities */
  const char *streets[11];
} District;

static const District districts[] = {
  { "思明区", "350203", "思明", 35,
    { "鹭江街道", "中华街道", "厦港街道", "滨海街道", "莲前街道", "嘉莲街道", "梧村街道",
      "筼筜街道", "开元街道", "鼓浪屿街道", NULL } },
  { "湖里区", "350206", "湖里", 25,
    { "湖里街道", "殿前街道", "禾山街道", "江头街道", "金山街道", NULL } },
  { "集美区", "350211", "集美", 15, { "集美街道", "侨英街道", "杏林街道", "杏滨街道", NULL } },
  { "海沧区", "350205", "海沧", 10, { "海沧街道", "新阳街道", "嵩屿街道", NULL } },
  { "同安区", "350212", "同安", 8, { "大同街道", "祥平街道", NULL } },
  { "翔安区", "350213", "翔安", 7, { "新店街道", "金海街道", "香山街道", "凤翔街道", NULL } },
};

#define CITY "厦门市"

static const char *const place_first[] = {
  "莲", "鹭", "鼓", "金", "银", "海", "湖", "江", "滨", "嘉", "禾", "云", "松", "柏", "梧",
  "桥", "殿", "兴", "安", "康", "和", "福", "瑞", "祥", "华", "新", "文", "凤", "龙", "东",
  "西", "南", "北", "明", "光", "泰", "源", "霞", "溪", "石",
};

static const char *const place_second[] = {
  "前", "江", "浪", "山", "湖", "兴", "华", "安", "苑", "园", "港", "岭", "坂", "头", "里",
  "丰", "盛", "景", "宁", "和", "祥", "林", "塘", "屿", "滨", "洲", "尾", "美", "阳", "溪",
};

static const char *const estate_stems[] = {
  "金山", "莲花", "碧水", "阳光", "翠苑", "鹭景", "海景", "书香", "锦绣", "怡景", "瑞景",
  "嘉园", "盛世", "万寿", "松柏", "湖光", "东方", "明发", "金鸡", "云顶", "国贸", "海湾",
  "滨海", "莲前", "文兴", "禾祥", "梧桐", "蔡塘", "枋湖", "吕厝", "湖边", "仙岳", "龙山",
  "南湖", "东渡", "西林", "华林", "泰和", "福满", "兴隆", "凤凰", "紫薇", "丽景", "御园",
};

static const char *const estate_suffixes[] = {
  "花园", "新城", "小区", "公寓", "苑", "家园", "大厦", "山庄", "雅居", "广场", "新村", "里",
  "花园", "小区", "新村",
};

static const char *const estate_phases[] = { "一期", "二期", "三期", "A区", "B区" };

static const char *const roads[] = {
  "莲前西路", "嘉禾路", "湖滨南路", "仙岳路", "厦禾路", "思明南路", "环岛南路", "吕岭路",
  "金山路", "江头北路", "集美大道", "海沧大道", "银江路", "环城南路", "禾祥西路", "湖滨北路",
  "莲岳路", "东浦路", "枋湖北二路", "县后路", "兴隆路", "文兴东路", "杏林湾路", "滨海西大道",
};

typedef struct
{
  const char *name;
  guint       weight;
} Surname;

/* Weighted for Fujian, where 陈 and 林 lead. */
static const Surname surnames[] = {
  { "陈", 120 }, { "林", 110 }, { "黄", 80 }, { "张", 60 }, { "李", 60 }, { "王", 60 },
  { "吴", 50 }, { "刘", 40 }, { "蔡", 40 }, { "杨", 40 }, { "郑", 40 }, { "许", 30 },
  { "谢", 30 }, { "洪", 30 }, { "郭", 30 }, { "曾", 30 }, { "叶", 30 }, { "苏", 30 },
  { "周", 25 }, { "赵", 20 }, { "庄", 20 }, { "卢", 20 }, { "江", 20 }, { "何", 20 },
  { "高", 20 }, { "柯", 12 }, { "颜", 12 }, { "邱", 12 }, { "傅", 12 }, { "施", 12 },
  { "沈", 10 }, { "方", 10 }, { "徐", 10 }, { "朱", 10 }, { "孙", 10 }, { "胡", 10 },
  { "欧阳", 3 },
};

static const char *const male_chars[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "明", "辉", "鹏", "华", "建", "国", "志",
  "宏", "文", "俊", "毅", "峰", "龙", "海", "波", "东", "晨", "阳", "凯", "鑫", "振", "荣",
  "德", "福", "清", "水", "金", "永", "忠", "良", "平", "兴",
};

static const char *const female_chars[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "颖", "慧",
  "洁", "萍", "红", "梅", "莉", "琴", "蓉", "倩", "欣", "怡", "佳", "晓", "秀", "凤", "琼",
  "美", "珍", "惠", "月", "华", "英",
};

static const char *const mobile_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
  "155", "156", "158", "159", "177", "180", "181", "182", "185", "186", "187", "188", "189", "199",
};

static const char *const company_stems[] = {
  "鹭安", "嘉和", "恒信", "海联", "鑫鸿", "同创", "益家", "安居", "宏达", "佳园", "万嘉", "金鹭",
  "和美", "正丰", "乐居", "华庭", "诚泰", "联众", "福盈", "瑞祥", "屿安", "兴业", "君悦", "鸿运",
  "邻里", "德信", "新景", "惠民", "筼筜", "宜居", "天泽", "盛邦", "明晟", "锦程", "国安", "滨城",
  "海晟", "龙腾", "汇丰", "永安", "东升", "合泰", "禾盛", "绿城", "优居", "信和", "众诚", "致远",
};

static const char *const places[] = {
  "社区党群服务中心三楼议事厅", "社区邻里中心会议室", "社区新时代文明实践站",
  "社区党群服务中心一楼多功能厅", "社区居委会会议室",
};

static const char *const leave_reasons[] = {
  "外出参加培训", "因病请假", "单位工作冲突", "出差在外", "家中有事",
};

static const char *const absent_reasons[] = {
  "未请假，会后已补学会议精神", "联系未果，会后已电话告知会议内容",
};

/* Deliberation topics for joint and consultation meetings, with the four
 * steps. {E} estate, {U} partner unit, {P} property company, {B} branch
 * secretary, {D} deadline. */
typedef struct
{
  const char *title;
  const char *consult;
  const char *plan;
  const char *execute;
  const char *done;
  const char *pending;
  const char *decision_a;
  const char *decision_b;
} Topic;

static const Topic topics[] = {
  { "{E}电动车集中充电设施建设",
    "居民反映{E}电动车楼道停放、飞线充电现象突出，存在较大消防安全隐患。"
    "小区党支部书记{B}召集业委会、{P}和{U}共同会商，各方一致认为应尽快建设集中充电设施。",
    "提出两套方案：一是在小区东侧闲置空地新建集中充电棚；二是利用地下车库部分车位改建充电区。"
    "经比较，选定方案一，设置充电端口40个，收费标准低于市场价。",
    "{U}协调供电部门完成线路增容，{P}负责施工组织和日常管理，"
    "小区党支部组织党员志愿者入户宣传，劝导居民规范充电。",
    "集中充电棚已建成投用，楼道飞线充电现象基本消除，居民满意率达95%以上。",
    "充电棚基础施工已完成，线路增容方案已报供电部门审批。",
    "在{E}东侧空地建设电动车集中充电棚，{D}前投入使用",
    "开展电动车安全充电宣传，组织党员志愿者每周巡查楼道停放情况" },
  { "{E}老旧住宅加装电梯",
    "{E}多层住宅没有电梯，老年居民上下楼困难。会上业主代表、"
    "{P}和{U}分别发表意见，低层住户对采光和噪音有顾虑。",
    "提出按单元征求意见、逐栋推进的方案，"
    "由小区党支部组织党员骨干入户做低层住户工作，费用按楼层分摊并申请加装电梯补助。",
    "{U}提供政策咨询和审批指导，{P}配合做好管线迁改，"
    "小区党支部书记{B}牵头成立加装电梯协调小组，定期通报进展。",
    "首批2部电梯已完成加装并通过验收，其余单元正在征求意见。",
    "已有3个单元达成一致意见，正在办理规划审批手续。",
    "成立{E}加装电梯协调小组，{D}前完成首批单元意见征集",
    "申请加装电梯财政补助，由{U}协助准备申报材料" },
  { "{E}垃圾分类督导和桶边值守",
    "近期{E}垃圾分类准确率下降，部分投放点混投、乱扔现象反弹。"
    "各方分析认为督导力量不足、投放时间不固定是主要原因。",
    "实行“定时定点+桶边督导”，早晚各设一个投放时段，由在职党员、志愿者和物业保洁员轮流值守。",
    "{P}负责投放点改造和清运衔接，{U}组织在职党员参与桶边值守，小区党支部每月通报各楼栋分类情况。",
    "定时定点投放已全面实行，分类准确率提升至90%以上，投放点环境明显改善。",
    "投放点改造已完成过半，在职党员值守排班表已公布。",
    "{E}实行垃圾定时定点投放，{D}前完成投放点改造",
    "{U}每月安排不少于10人次在职党员参与桶边督导" },
  { "{E}停车难和消防通道占用整治",
    "居民反映{E}车位紧张，夜间车辆占用消防通道情况突出。"
    "{P}介绍了现有车位使用情况，{U}提出可在非工作时间开放单位停车场。",
    "施划消防通道禁停标线，挖潜增设临时车位，与{U}签订错时共享停车协议。",
    "{P}负责标线施划和日常巡查，{U}夜间开放停车场错时停车，小区党支部组织党员劝导违停车辆。",
    "消防通道已全部施划标线，新增错时共享车位60个，占道停车现象明显减少。",
    "禁停标线已施划完成，错时停车协议正在商谈。",
    "施划{E}消防通道禁停标线，{D}前完成",
    "与{U}签订错时共享停车协议，夜间开放停车场" },
  { "{E}二次供水设施改造",
    "{E}部分楼栋水压不足、水箱老化，居民多次反映水质问题。"
    "{P}说明了设施现状，各方同意列入今年重点解决事项。",
    "将老旧水箱更换为不锈钢水箱并加装无负压供水设备，费用由专项维修资金和{U}共建资金共同承担。",
    "{U}协调水务部门提供技术支持，{P}负责施工期间临时供水，小区党支部做好居民解释工作。",
    "二次供水改造已完成，经水质检测全部达标，水压问题得到解决。",
    "改造方案已经业主大会表决通过，正在进行施工招标。",
    "启动{E}二次供水设施改造，{D}前完成施工",
    "施工期间由{P}保障临时供水，每日公示施工进度" },
  { "{E}楼道堆积物清理",
    "消防检查发现{E}多个楼道堆放杂物，存在火灾隐患。居民代表认为应先宣传后清理，避免引发矛盾。",
    "按照“宣传告知—限期自清—集中清理”三步走，对确有困难的老年住户由志愿者上门帮助清理。",
    "小区党支部书记{B}带领楼栋党小组逐户告知，{P}安排人员和车辆集中清运，{U}派出志愿者协助。",
    "共清理楼道堆积物约30车，建立楼栋长每周巡查制度，楼道环境保持良好。",
    "已完成入户告知，集中清理将于近期开展。",
    "{D}前完成{E}楼道堆积物集中清理",
    "建立楼栋长每周巡查制度，发现问题及时劝导" },
  { "{E}老年助餐服务点设置",
    "{E}60岁以上老年人占比较高，独居老人吃饭难问题突出。{U}表示可提供场地和部分资金支持。",
    "在小区党群服务站设置老年助餐点，引入专业餐饮企业配送，对高龄、独居老人给予用餐补贴。",
    "{U}提供场地改造资金，社区负责资格审核，{P}协助做好场地管理和秩序维护。",
    "助餐点已开业运营，日均服务老年人80余人次，老人反映良好。",
    "场地改造已完成，正在遴选配餐企业。",
    "在{E}党群服务站设置老年助餐点，{D}前开业",
    "由{U}落实助餐点场地改造资金" },
  { "{E}外墙瓷砖脱落安全隐患整治",
    "近期{E}多栋楼外墙瓷砖脱落，险些砸伤行人。各方认为须立即设置警示并尽快维修。",
    "先设置安全警戒区域和防护网，再委托专业机构检测，根据检测结果使用专项维修资金维修。",
    "{P}负责设置防护设施和申请维修资金，{U}协调住建部门加快审批，小区党支部做好业主表决组织工作。",
    "外墙维修已完工，隐患全部消除。",
    "防护网已设置，专项维修资金申请已进入公示阶段。",
    "{E}外墙脱落区域立即设置防护网，{D}前完成维修",
    "{P}每周巡查外墙情况并向小区党支部报告" },
  { "{E}安防监控设施完善",
    "居民反映{E}近期发生电动车被盗情况，部分出入口和车棚没有监控覆盖。",
    "新增高清监控探头20个，出入口升级人脸识别门禁，费用由小区公共收益列支。",
    "{U}协调辖区派出所提供技术指导，{P}负责设备采购安装和运维，小区党支部组织党员开展夜间巡逻。",
    "新增监控已全部接入，小区治安状况明显好转，近三个月未发生盗窃案件。",
    "设备采购已完成，正在安装调试。",
    "{E}新增监控探头并升级门禁系统，{D}前完成",
    "组建党员平安巡逻队，每周开展两次夜间巡逻" },
  { "{E}公共空间环境提升",
    "{E}中心绿地长期荒废，居民希望改造为休闲活动场所。各方就改造内容和资金来源进行了会商。",
    "将中心绿地改造为口袋公园，增设健身器材、休息座椅和儿童游乐设施。",
    "{U}提供共建资金支持，{P}负责组织施工，小区党支部发动居民参与设计方案征集。",
    "口袋公园已建成开放，成为居民休闲好去处。",
    "设计方案已征求居民意见并修改完善，即将开工。",
    "将{E}中心绿地改造为口袋公园，{D}前建成开放",
    "由{U}落实共建资金，{P}负责后续日常管护" },
  { "{E}物业服务质量提升",
    "业主反映{E}保洁不及时、维修响应慢。{P}作了情况说明，业委会代表提出具体整改意见。",
    "由{P}制定整改清单，公开服务标准和报修电话，实行维修工单限时办结。",
    "{P}落实整改措施，业委会和小区党支部每月开展一次服务质量评议，{U}派员参与监督。",
    "整改清单事项已全部完成，报修平均响应时间缩短至2小时以内。",
    "整改清单已公示，部分事项正在落实。",
    "{P}制定服务整改清单并公示，{D}前完成整改",
    "每月开展一次物业服务质量评议，结果在小区公示栏公开" },
  { "{E}防台防汛准备工作",
    "汛期临近，{E}地下车库和低洼区域存在积水风险。各方就应急物资储备和人员分工进行会商。",
    "制定小区防台防汛应急预案，储备沙袋、挡水板、抽水泵等物资，明确转移安置点。",
    "{P}负责物资储备和设施检查，{U}组建应急后备力量，小区党支部组织党员与独居老人结对帮扶。",
    "应急预案已制定，物资储备到位，台风期间小区未发生险情。",
    "物资采购已完成，应急演练正在筹备。",
    "制定{E}防台防汛应急预案，{D}前完成物资储备",
    "组织一次防汛应急演练，由{U}派员参加" },
};

static const char *const study_topics[] = {
  "学习习近平总书记关于城市基层党建的重要论述",
  "传达学习上级党委关于深化红色近邻党建的工作部署",
  "学习《中国共产党支部工作条例（试行）》",
  "学习《中国共产党纪律处分条例》",
  "学习“远亲不如近邻”理念的深刻内涵",
  "传达学习区委全会精神",
};

static const char *const vote_topics[] = {
  "审议社区党委年度工作报告",
  "讨论接收预备党员",
  "民主评议党员",
  "审议“我为群众办实事”项目清单",
};

typedef struct
{
  const char *title;
  const char *result;
} Problem;

static const Problem problems[] = {
  { "{E}停车难问题", "协调{U}开放错时共享车位，新增停车位50个。" },
  { "{E}老旧电梯频繁故障", "推动维保单位更换主要部件，故障率明显下降。" },
  { "{E}二次供水水质问题", "完成水箱清洗消毒和管网改造，水质检测达标。" },
  { "{E}下水道堵塞返水", "完成主管道疏通和部分管段更换。" },
  { "{E}周边夜市噪音扰民", "协调城管部门规范经营时间，噪音投诉明显减少。" },
  { "{E}垃圾清运不及时", "与环卫公司协商将清运频次调整为每日两次。" },
  { "{E}屋面渗漏", "使用专项维修资金完成屋面防水修缮。" },
  { "{E}适老化设施缺乏", "加装楼道扶手和无障碍坡道。" },
  { "{E}路灯损坏夜间照明不足", "更换LED路灯30盏。" },
  { "{E}违规群租安全隐患", "联合派出所开展排查整治，清理违规群租房5处。" },
};

typedef struct
{
  const char *key;
  const char *label;
  const char *titles[5];
} LianType;

static const LianType lian_types[] = {
  { "party_work", "党建工作联做",
    { "联合开展主题党日活动", "共建“红色驿站”党员活动阵地", "联合举办党课进小区",
      "在职党员进小区报到服务", "共建“红色书屋”" } },
  { "civility", "精神文明联创",
    { "“文明家庭”评选表彰", "垃圾分类文明劝导志愿服务", "“邻里节”文艺汇演",
      "移风易俗宣传进楼栋", "青少年暑期托管服务" } },
  { "service", "服务难题联解",
    { "老年人助餐点建设", "义诊进小区", "法律咨询服务日", "“一老一小”关爱服务",
      "就业帮扶招聘会" } },
  { "environment", "家园环境联建",
    { "楼道堆积物清理", "小区绿化提升改造", "停车位规划调整", "雨污分流改造",
      "口袋公园建设" } },
};

static const char *const resources[] = {
  "党员活动场地", "志愿服务队伍", "共建资金", "法律咨询", "医疗义诊", "政策宣讲", "就业岗位",
  "文体设施", "专业技术支持",
};

static const char *const demands[] = {
  "党员教育阵地", "志愿者招募", "政策宣传渠道", "职工子女托管", "文明创建合作",
};

/* Partner unit names: {D} district, {d} district without 区, {S} street
 * without 街道, {C} community stem, {B} bank, {X} company stem. */
typedef struct
{
  const char *unit_type;
  const char *uscc_prefix;   /* NULL: the unit has no credit code at hand */
  guint       weight;
  const char *names[12];
} UnitKind;

static const UnitKind unit_kinds[] = {
  { "party_gov", "11", 30,
    { "{D}税务局", "{D}市场监督管理局", "{D}人力资源和社会保障局", "{D}司法局", "{D}民政局",
      "{D}卫生健康局", "{D}教育局", "{D}城市管理局", "{D}应急管理局", "{D}退役军人事务局",
      "{S}派出所", "共青团{D}委员会" } },
  { "institution", "12", 12,
    { "{D}图书馆", "{D}文化馆", "{D}疾病预防控制中心", "{D}融媒体中心", "{D}不动产登记中心",
      "厦门市公积金中心{d}管理部", "{D}社会保险中心", "{D}档案馆", NULL } },
  { "school", "12", 10,
    { "{D}实验小学", "{C}小学", "{S}中心幼儿园", "厦门市第一中学", "厦门市第二中学",
      "厦门市第六中学", "{D}第二实验小学", "{C}中学", NULL } },
  { "hospital", "12", 8,
    { "厦门市第一医院", "厦门市中医院", "厦门市妇幼保健院", "{D}医院", "{S}社区卫生服务中心",
      "厦门市第三医院", "厦门市口腔医院", NULL } },
  { "soe", "91", 22,
    { "建设银行{C}支行", "工商银行{S}支行", "农业银行{C}支行", "中国银行{S}支行", "交通银行{C}支行",
      "邮储银行{S}支行", "厦门银行{C}支行", "中国移动厦门分公司{d}营业部",
      "国网厦门供电公司{d}供电服务中心", "厦门水务集团{d}营业所", "中国电信厦门{d}分公司",
      "厦门公交集团{d}分公司" } },
  { "private", "91", 10,
    { "厦门{X}科技有限公司", "厦门{X}网络科技有限公司", "厦门{X}电子有限公司",
      "厦门{X}贸易有限公司", "厦门{X}建设工程有限公司", "厦门{X}文化传媒有限公司",
      "厦门{X}信息技术有限公司", "厦门{X}食品有限公司", NULL } },
  { "social_org", "52", 6,
    { "{D}志愿者协会", "{D}慈善总会", "{S}商会", "{D}社会工作服务中心", "{D}老年人协会",
      "厦门市{X}公益服务中心", NULL } },
  { "military", NULL, 2,
    { "{D}人民武装部", "武警厦门支队{d}中队", NULL } },
};

static const char *const unit_posts[] = {
  "党委副书记", "党组成员", "机关党委专职副书记", "办公室主任", "党支部书记", "工会主席",
};

static const char *const ranks[] = { "副处级", "正科级", "副科级", "科员" };

/* Evaluation templates */
typedef struct
{
  const char *category;
  const char *content;
  const char *standard;
} Criterion;

static const Criterion property_criteria[] = {
  { "党建引领", "物业企业建立党组织，党员员工亮身份，参与小区党支部活动",
    "建立党组织得满分；党员亮身份、参加活动酌情给分" },
  { "服务质量", "环境卫生、绿化养护、设施设备维护到位",
    "对照物业服务合同逐项检查，每发现一处问题扣1分" },
  { "安全管理", "门岗值守、消防安全、车辆停放管理规范",
    "消防通道堵塞、门岗脱岗等每次扣2分" },
  { "沟通协作", "参加三方联席会议，及时回应居民诉求",
    "无故缺席联席会议每次扣2分，居民投诉未回应每件扣1分" },
};

static const double weight_sets[][4] = {
  { 25, 30, 25, 20 },
  { 30, 25, 25, 20 },
  { 20, 30, 30, 20 },
  { 25, 25, 30, 20 },
};

static const char *const sheet_comments[] = {
  "保洁到位，服务态度好", "希望加强停车管理", "维修响应较慢", "门岗管理规范",
  "绿化养护有待加强", "主动参加社区活动", "收费公开透明",
};

static const char *const void_reasons[] = {
  "涂改无法辨认", "未按要求填写", "一张票填写多个评价对象",
};

/* The generator
 */

typedef struct
{
  const char *name;
  const char *uscc;
} Company;

typedef struct
{
  const char *name;
  const char *person_id;   /* NULL for people who are not in the register */
  const char *unit_id;
} Participant;

typedef struct
{
  const char    *id;
  const char    *name;
  guint          branch;      /* index into Community.branches */
  guint8         flags;
  const Company *company;
  const char    *manager;     /* property project manager */
  const char    *oc_chair;
} Estate;

typedef struct
{
  const char  *id;
  const char  *name;
  guint        first_estate;
  guint        n_estates;
  Participant  secretary;
} Branch;

typedef struct
{
  const char *id;
  const char *name;
  const char *liaison;
  guint       estates[2];
  guint       n_estates;
} Unit;

typedef struct
{
  guint           index;
  const char     *id;
  const char     *name;       /* "莲前社区" */
  const char     *stem;       /* "莲前" */
  const char     *code;       /* "3502030017": district and number */
  const District *district;
  const char     *street;
  const char     *committee_id;
  guint           n_estates;
  guint           n_pairs;    /* branches covering two estates */
  guint           n_grids;
  guint           n_units;
  guint           first_estate;
  guint           first_unit;
  guint           id_seq;     /* for ID card numbers */
  GArray         *members;    /* Participant: [0] secretary, [1] deputy, then members */
  GArray         *estates;    /* Estate */
  GArray         *branches;   /* Branch */
  GArray         *units;      /* Unit */
  const char     *joint[4];   /* joint meeting per quarter, oldest first */
  GDate           joint_date[4];
} Community;

typedef struct
{
  JlStore      *store;
  guint32       seed;
  guint         scale;
  Rng           rng;
  guint         community;    /* index of the community being made */
  guint         next_id;      /* within the community */
  GDate         today;
  GStringChunk *chunk;        /* strings of the current community */
  GStringChunk *city_chunk;   /* strings that live for the whole run */
  GHashTable   *used;         /* names and codes taken in the current community */
  GHashTable   *community_names;
  Company       companies[N_COMPANIES];

  /* The plan, drawn before anything is written. */
  guint        *estates_per;
  guint        *pairs_per;
  guint        *grids_per;
  guint        *units_per;
  guint8       *estate_flags;
  guint8       *unit_ptm;
  guint8       *missing_joint;

  JlDemoStats   stats;
} Demo;

static void
demo_free (Demo *d)
{
  g_string_chunk_free (d->chunk);
  g_string_chunk_free (d->city_chunk);
  g_hash_table_unref (d->used);
  g_hash_table_unref (d->community_names);
  g_free (d->estates_per);
  g_free (d->pairs_per);
  g_free (d->grids_per);
  g_free (d->units_per);
  g_free (d->estate_flags);
  g_free (d->unit_ptm);
  g_free (d->missing_joint);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

/* Strings
 */

static const char *
keep (Demo *d,
      char *owned)
{
  const char *s = g_string_chunk_insert (d->chunk, owned);

  g_free (owned);
  return s;
}

static const char * G_GNUC_PRINTF (2, 3)
keepf (Demo       *d,
       const char *format,
       ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return keep (d, s);
}

/* Replaces the {X} tokens of a template; @values holds one string per
 * letter in @letters. */
static const char *
expand (Demo        *d,
        const char  *tmpl,
        const char  *letters,
        const char **values)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = tmpl; *p; p++)
    {
      const char *hit;

      if (p[0] == '{' && p[1] != '\0' && p[2] == '}' && (hit = strchr (letters, p[1])) != NULL)
        {
          g_string_append (out, values[hit - letters]);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return keep (d, g_string_free (g_steal_pointer (&out), FALSE));
}

/* Reserves @s among the current community's names; FALSE if taken. */
static gboolean
reserve (Demo       *d,
         const char *s)
{
  if (g_hash_table_contains (d->used, s))
    return FALSE;
  g_hash_table_add (d->used, (gpointer) s);
  return TRUE;
}

/* Makes a candidate unique with a number, as clerks do ("…2"). */
static const char *
reserve_numbered (Demo       *d,
                  const char *s)
{
  for (guint n = 2; !reserve (d, s); n++)
    s = keepf (d, "%s%u", s, n);
  return s;
}

static const char *
date_str (Demo        *d,
          const GDate *date)
{
  return keepf (d, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                g_date_get_day (date));
}

static const char *
cn_date_str (Demo        *d,
             const GDate *date)
{
  return keepf (d, "%u月%u日", g_date_get_month (date), g_date_get_day (date));
}

static GDate
days_from (const GDate *date,
           int          days)
{
  GDate out = *date;

  if (days >= 0)
    g_date_add_days (&out, (guint) days);
  else
    g_date_subtract_days (&out, (guint) -days);
  return out;
}

static GDate
make_date (guint year,
           guint month,
           guint day)
{
  GDate out;

  g_date_clear (&out, 1);
  g_date_set_dmy (&out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return out;
}

/* A day between @from and @to inclusive. */
static GDate
random_day (Demo        *d,
            const GDate *from,
            const GDate *to)
{
  int span = g_date_days_between (from, to);

  return days_from (from, span > 0 ? (int) rng_below (&d->rng, (guint) span + 1) : 0);
}

/* A day in one of the years @from … @to. */
static GDate
random_founding (Demo  *d,
                 guint  from,
                 guint  to)
{
  GDate jan1 = make_date (from, 1, 1);
  GDate dec31 = make_date (to, 12, 31);

  return random_day (d, &jan1, &dec31);
}

static gboolean
is_workday (const GDate *date)
{
  GDateWeekday wd = g_date_get_weekday (date);
  guint month = g_date_get_month (date), day = g_date_get_day (date);

  return wd != G_DATE_SATURDAY && wd != G_DATE_SUNDAY &&
         !(month == 1 && day == 1) && !(month == 10 && day <= 7);
}

/* A working day between @from and @to, when there is one: Party meetings
 * are not held on weekends or public holidays. */
static GDate
random_workday (Demo        *d,
                const GDate *from,
                const GDate *to)
{
  GDate date = random_day (d, from, to);

  for (GDate back = date; g_date_compare (&back, from) >= 0; g_date_subtract_days (&back, 1))
    if (is_workday (&back))
      return back;
  for (GDate ahead = date; g_date_compare (&ahead, to) <= 0; g_date_add_days (&ahead, 1))
    if (is_workday (&ahead))
      return ahead;
  return date;
}

static const GDate *
earlier (const GDate *a,
         const GDate *b)
{
  return g_date_compare (a, b) <= 0 ? a : b;
}

/* Several random values in one expression would be drawn in an order the
 * compiler chooses, so each draw below gets its own statement: the same
 * seed must give the same city with any compiler. */

static const char *
mobile (Demo *d)
{
  const char *prefix = PICK (&d->rng, mobile_prefixes);

  return keepf (d, "%s%08u", prefix, rng_below (&d->rng, 100000000));
}

static const char *
landline (Demo *d)
{
  guint first = rng_range (&d->rng, 2, 8);

  return keepf (d, "0592-%u%06u", first, rng_below (&d->rng, 1000000));
}

static const char *
person_name (Demo     *d,
             gboolean  male)
{
  guint total = 0, pick;
  const char *surname = surnames[0].name;
  const char *first;
  const char *const *chars = male ? male_chars : female_chars;
  guint n_chars = male ? G_N_ELEMENTS (male_chars) : G_N_ELEMENTS (female_chars);

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    total += surnames[i].weight;
  pick = rng_below (&d->rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (pick < surnames[i].weight)
        {
          surname = surnames[i].name;
          break;
        }
      pick -= surnames[i].weight;
    }

  first = chars[rng_below (&d->rng, n_chars)];
  if (rng_chance (&d->rng, 30))
    return keepf (d, "%s%s", surname, first);
  return keepf (d, "%s%s%s", surname, first, chars[rng_below (&d->rng, n_chars)]);
}

/* A resident ID number (GB 11643): region, birth date, sequence (odd for
 * men), check character. The sequence is unique within the community. */
static const char *
id_card (Demo        *d,
         Community   *c,
         const GDate *birth,
         gboolean     male)
{
  static const guint weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  char buf[19];
  guint sum = 0;
  guint seq = 10 + 2 * c->id_seq++ + (male ? 1 : 0);

  g_assert (seq < 1000);
  g_snprintf (buf, sizeof buf, "%s%04u%02u%02u%03u", c->district->code, g_date_get_year (birth),
              g_date_get_month (birth), g_date_get_day (birth), seq);
  for (guint i = 0; i < 17; i++)
    sum += (guint) (buf[i] - '0') * weights[i];
  buf[17] = "10X98765432"[sum % 11];
  buf[18] = '\0';
  return keep (d, g_strdup (buf));
}

/* A unified social credit code (GB 32100): registration authority and
 * kind, region, organisation code with its GB 11714 check, check char. */
static const char *
uscc (Rng        *r,
      const char *prefix,
      const char *region,
      char        out[19])
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const guint weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  guint sum = 0, check;
  char *org = out + 8;

  memcpy (out, prefix, 2);
  memcpy (out + 2, region, 6);
  for (guint i = 0; i < 8; i++)
    {
      /* New enterprise codes start "MA"; others are digits. */
      if (prefix[0] == '9' && i < 2)
        org[i] = "MA"[i];
      else if (prefix[0] == '9')
        org[i] = charset[rng_below (r, 31)];
      else
        org[i] = charset[rng_below (r, 10)];
      sum += (guint) (g_ascii_isdigit (org[i]) ? org[i] - '0' : org[i] - 'A' + 10) * weights[i];
    }
  check = 11 - sum % 11;
  org[8] = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  out[17] = jl_uscc_expected_check (out);
  out[18] = '\0';
  return out;
}

/* Records
 */

/* A new record with a deterministic id. */
static JsonObject *
record_new (Demo        *d,
            const char **id_out)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *name = g_strdup_printf ("jinlin-demo/%u/%u/%u/%u", d->seed, d->scale,
                                           d->community, d->next_id++);
  const char *id = keep (d, jl_uuid_v5_new (JL_UUID_NAMESPACE, name));

  json_object_set_string_member (obj, "id", id);
  d->stats.records++;
  if (id_out != NULL)
    *id_out = id;
  return obj;
}

/* A child record in @parent's array named @kind. Kinds with a natural key
 * (unit_estate_link, eval_sheet, eval_score) get their id from the store. */
static JsonObject *
child_new (Demo        *d,
           JsonObject  *parent,
           const char  *kind,
           gboolean     with_id,
           const char **id_out)
{
  JsonObject *child;
  JsonArray *array;

  if (with_id)
    child = record_new (d, id_out);
  else
    {
      child = json_object_new ();
      d->stats.records++;
    }

  if (!json_object_has_member (parent, kind))
    json_object_set_array_member (parent, kind, json_array_new ());
  array = json_object_get_array_member (parent, kind);
  json_array_add_object_element (array, child);
  return child;
}

static void
set_str (JsonObject *obj,
         const char *name,
         const char *value)
{
  /* NULL leaves the field out. */
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
}

static void
set_int (JsonObject *obj,
         const char *name,
         gint64      value)
{
  json_object_set_int_member (obj, name, value);
}

static void
set_real (JsonObject *obj,
          const char *name,
          double      value)
{
  json_object_set_double_member (obj, name, value);
}

static void
set_bool (JsonObject *obj,
          const char *name,
          gboolean    value)
{
  json_object_set_boolean_member (obj, name, value);
}

static void
set_date (Demo        *d,
          JsonObject  *obj,
          const char  *name,
          const GDate *date)
{
  set_str (obj, name, date_str (d, date));
}

static void
set_list (JsonObject         *obj,
          const char         *name,
          const char *const  *items,
          guint               n)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (array, items[i]);
  json_object_set_array_member (obj, name, array);
}

static gboolean
put (Demo        *d,
     const char  *kind,
     const char  *id,
     JsonObject  *obj,
     GError     **error)
{
  g_autoptr(JlRecord) record = jl_store_put (d->store, kind, id, obj, NULL, error);

  if (record == NULL)
    {
      const char *title = json_object_get_string_member_with_default (obj, "name", NULL);

      if (title == NULL)
        title = json_object_get_string_member_with_default (obj, "title", "");
      g_prefix_error (error, "Demo %s “%s”: ", kind, title);
      return FALSE;
    }
  return TRUE;
}

/* Picks @k distinct indices below @n into @out (k ≤ n). */
static void
pick_distinct (Rng   *r,
               guint  n,
               guint  k,
               guint *out)
{
  guint idx[MAX_LOCAL];

  g_assert (n <= MAX_LOCAL && k <= n);
  for (guint i = 0; i < n; i++)
    idx[i] = i;
  for (guint i = 0; i < k; i++)
    {
      guint j = i + rng_below (r, n - i);
      guint t = idx[i];

      idx[i] = idx[j];
      idx[j] = t;
      out[i] = idx[i];
    }
}

/* The plan
 */

static void
plan_draw (Demo *d)
{
  guint S = d->scale;
  guint n_c = N_COMMUNITIES * S, n_e = N_ESTATES * S, n_u = N_UNITS * S;
  guint first = 0;
  Rng r;

  rng_init (&r, d->seed, 1);
  d->estates_per = g_new0 (guint, n_c);
  d->pairs_per = g_new0 (guint, n_c);
  d->grids_per = g_new0 (guint, n_c);
  d->units_per = g_new0 (guint, n_c);
  d->estate_flags = g_new0 (guint8, n_e);
  d->unit_ptm = g_new0 (guint8, n_u);
  d->missing_joint = g_new0 (guint8, n_c);

  distribute (&r, n_e, n_c, 4, 24, d->estates_per);
  distribute (&r, N_GRIDS * S, n_c, 3, 24, d->grids_per);
  distribute (&r, n_u, n_c, 3, 16, d->units_per);

  /* Branches: one per estate, except (estates − branches) that cover two. */
  for (guint k = 0; k < (N_ESTATES - N_BRANCHES) * S; k++)
    {
      guint c;

      do
        c = rng_below (&r, n_c);
      while (2 * (d->pairs_per[c] + 1) > d->estates_per[c]);
      d->pairs_per[c]++;
    }

  /* Every community gets a few owners' committees and property
   * companies, the rest go anywhere; then the red ones among them. */
  for (guint c = 0; c < n_c; c++)
    {
      choose_exact (&r, d->estate_flags + first, d->estates_per[c], 0, MIN_PER_COMMUNITY, FLAG_OC);
      choose_exact (&r, d->estate_flags + first, d->estates_per[c], 0, MIN_PER_COMMUNITY, FLAG_PC);
      first += d->estates_per[c];
    }
  for (guint i = 0; i < n_e; i++)
    {
      /* Temporary marks: "may still get one". */
      if (!(d->estate_flags[i] & FLAG_OC))
        d->estate_flags[i] |= FLAG_OC << 4;
      if (!(d->estate_flags[i] & FLAG_PC))
        d->estate_flags[i] |= FLAG_PC << 4;
    }
  choose_exact (&r, d->estate_flags, n_e, FLAG_OC << 4,
                (N_OWNERS_COMMITTEES - MIN_PER_COMMUNITY * N_COMMUNITIES) * S, FLAG_OC);
  choose_exact (&r, d->estate_flags, n_e, FLAG_PC << 4,
                (N_PROPERTY - MIN_PER_COMMUNITY * N_COMMUNITIES) * S, FLAG_PC);
  for (guint i = 0; i < n_e; i++)
    d->estate_flags[i] &= 0x0f;
  choose_exact (&r, d->estate_flags, n_e, FLAG_OC, N_RED_OC * S, FLAG_RED_OC);
  choose_exact (&r, d->estate_flags, n_e, FLAG_PC, N_RED_PROPERTY * S, FLAG_RED_PC);

  choose_exact (&r, d->unit_ptm, n_u, 0, N_PART_TIME * S, 1);
  choose_exact (&r, d->missing_joint, n_c, 0, N_MISSING_JOINT * S, 1);

  for (guint i = 0; i < N_COMPANIES; i++)
    {
      char code[19];
      const char *suffix = i % 3 == 2 ? "物业管理有限公司" : "物业服务有限公司";
      g_autofree char *name = g_strconcat ("厦门", company_stems[i], suffix, NULL);

      d->companies[i].name = g_string_chunk_insert (d->city_chunk, name);
      d->companies[i].uscc = g_string_chunk_insert (d->city_chunk, uscc (&r, "91", "350200", code));
    }
}

/* Communities and their organisation
 */

static const District *
pick_district (Rng *r)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (districts); i++)
    total += districts[i].weight;
  pick = rng_below (r, total);
  for (guint i = 0; i < G_N_ELEMENTS (districts); i++)
    {
      if (pick < districts[i].weight)
        return &districts[i];
      pick -= districts[i].weight;
    }
  return &districts[0];
}

static const char *
pick_street (Rng            *r,
             const District *district)
{
  guint n = 0;

  while (district->streets[n] != NULL)
    n++;
  return district->streets[rng_below (r, n)];
}

/* Community names are unique in the whole city. */
static void
name_community (Demo      *d,
                Community *c)
{
  const char *stem = NULL;

  for (guint tries = 0; stem == NULL; tries++)
    {
      const char *a = PICK (&d->rng, place_first);
      const char *b = PICK (&d->rng, place_second);
      g_autofree char *candidate = NULL;

      if (strcmp (a, b) == 0)
        continue;
      candidate = tries < 50 ? g_strconcat (a, b, NULL)
                             : g_strdup_printf ("%s%s%u", a, b, tries);
      if (!g_hash_table_contains (d->community_names, candidate))
        {
          stem = g_string_chunk_insert (d->city_chunk, candidate);
          g_hash_table_add (d->community_names, (gpointer) stem);
        }
    }
  c->stem = stem;
  c->name = keepf (d, "%s社区", stem);
}

static const char *
address (Demo      *d,
         Community *c)
{
  const char *road = PICK (&d->rng, roads);

  return keepf (d, "%s%s%u号", c->district->name, road, rng_range (&d->rng, 1, 999));
}

static gboolean
put_community (Demo       *d,
               Community  *c,
               GError    **error)
{
  g_autoptr(JsonObject) obj = record_new (d, &c->id);
  guint households = rng_range (&d->rng, 1800, 9000);
  guint population = households * rng_range (&d->rng, 240, 300) / 100;
  GDate as_of = make_date (g_date_get_year (&d->today) - 1, 12, 31);
  const char *full_name;

  c->district = pick_district (&d->rng);
  c->street = pick_street (&d->rng, c->district);
  name_community (d, c);
  c->code = keepf (d, "%s%04u", c->district->code, c->index + 1);
  full_name = keepf (d, "中共" CITY "%s%s%s委员会", c->district->name, c->street, c->name);

  set_str (obj, "name", c->name);
  set_str (obj, "street", c->street);
  set_str (obj, "district", c->district->name);
  set_str (obj, "city", CITY);
  set_str (obj, "committee_name", full_name);
  set_int (obj, "households", households);
  set_int (obj, "population", population);
  set_int (obj, "registered_population", population * rng_range (&d->rng, 50, 80) / 100);
  set_int (obj, "party_members", rng_range (&d->rng, 120, 600));
  set_real (obj, "area_km2", rng_range (&d->rng, 30, 400) / 100.0);
  set_date (d, obj, "as_of", &as_of);
  set_str (obj, "address", address (d, c));
  set_str (obj, "phone", landline (d));
  set_str (obj, "seal_text", full_name);
  d->stats.communities++;
  return put (d, "community", NULL, obj, error);
}

static const char *const skills[] = {
  "政策宣传", "环境卫生", "矛盾调解", "助老服务", "法律咨询", "医疗保健", "文艺表演", "心理疏导",
};

typedef struct
{
  const char *org_id;
  const char *estate_id;
  guint       min_age;
  guint       max_age;
  gboolean    cadre;
  const char *employer;
  const char *name;      /* NULL: make one up */
} PersonSpec;

static gboolean
put_person (Demo              *d,
            Community         *c,
            const PersonSpec  *spec,
            Participant       *out,
            GError           **error)
{
  g_autoptr(JsonObject) obj = record_new (d, &out->person_id);
  gboolean male = rng_chance (&d->rng, 55);
  guint age_days = rng_range (&d->rng, spec->min_age * 365, spec->max_age * 365);
  GDate birth = days_from (&d->today, -(int) age_days);
  GDate joined = days_from (&birth, (int) rng_range (&d->rng, 20 * 365, 35 * 365));
  GDate last_month = days_from (&d->today, -30);
  gboolean retired = age_days > 60 * 365;
  guint picked[2];
  const char *chosen[2];

  out->name = spec->name ? spec->name : person_name (d, male);
  out->unit_id = NULL;
  set_str (obj, "community_id", c->id);
  set_str (obj, "name", out->name);
  set_str (obj, "gender", male ? "male" : "female");
  if (spec->cadre || rng_chance (&d->rng, 30))
    set_str (obj, "id_no", id_card (d, c, &birth, male));
  set_date (d, obj, "birth_date", &birth);
  set_str (obj, "ethnicity", rng_chance (&d->rng, 97) ? "汉族" : "畲族");
  if (rng_chance (&d->rng, 85))
    set_str (obj, "mobile", mobile (d));
  set_str (obj, "member_type", "full");
  set_date (d, obj, "joined_on", earlier (&joined, &last_month));
  set_str (obj, "org_id", spec->org_id);
  set_str (obj, "work_status", retired && !spec->cadre ? "retired" : "employed");
  if (!retired || spec->cadre)
    set_str (obj, "employer", spec->employer);
  set_str (obj, "estate_id", spec->estate_id);
  if (spec->estate_id != NULL)
    {
      guint floor;

      set_str (obj, "building", keepf (d, "%u号楼", rng_range (&d->rng, 1, 30)));
      floor = rng_range (&d->rng, 1, 18);
      set_str (obj, "room", keepf (d, "%u0%u", floor, rng_range (&d->rng, 1, 4)));
    }
  set_bool (obj, "is_cadre", spec->cadre);
  set_bool (obj, "is_volunteer", TRUE);
  pick_distinct (&d->rng, G_N_ELEMENTS (skills), 2, picked);
  chosen[0] = skills[picked[0]];
  chosen[1] = skills[picked[1]];
  set_list (obj, "skills", chosen, rng_range (&d->rng, 1, 2));
  d->stats.people++;
  return put (d, "person", NULL, obj, error);
}

/* Start and end of a five-year term that began in the last five years. */
static void
set_term (Demo       *d,
          JsonObject *obj,
          const char *start_name,
          const char *end_name)
{
  GDate from = days_from (&d->today, -(int) rng_range (&d->rng, 60, 5 * 365 - 30));
  GDate to = from;

  g_date_add_years (&to, 5);
  set_date (d, obj, start_name, &from);
  set_date (d, obj, end_name, &to);
}

static const char *
org_code (Demo *d)
{
  guint high = rng_below (&d->rng, 100000);

  return keepf (d, "0%05u%06u", high, rng_below (&d->rng, 1000000));
}

/* The community Party committee and its members; the secretary is then
 * set on the community and the committee. */
static gboolean
put_committee (Demo       *d,
               Community  *c,
               GError    **error)
{
  g_autoptr(JsonObject) obj = record_new (d, &c->committee_id);
  g_autoptr(JsonObject) community = json_object_new ();
  g_autoptr(JsonObject) committee = json_object_new ();
  GDate founded = random_founding (d, 1998, 2015);
  guint n_members = rng_range (&d->rng, 5, 7);
  PersonSpec spec = { .org_id = c->committee_id, .min_age = 32, .max_age = 56, .cadre = TRUE,
                      .employer = keepf (d, "%s居民委员会", c->name) };

  set_str (obj, "community_id", c->id);
  set_str (obj, "level", "committee");
  set_str (obj, "name", keepf (d, "%s党委", c->name));
  set_str (obj, "org_code", org_code (d));
  set_date (d, obj, "founded_on", &founded);
  set_term (d, obj, "term_start", "term_end");
  set_int (obj, "members_count", rng_range (&d->rng, 120, 600));
  set_int (obj, "position", 0);
  if (!put (d, "party_org", NULL, obj, error))
    return FALSE;

  for (guint i = 0; i < n_members; i++)
    {
      Participant p;

      if (!put_person (d, c, &spec, &p, error))
        return FALSE;
      g_array_append_val (c->members, p);
    }

  set_str (community, "secretary_id",
           g_array_index (c->members, Participant, 0).person_id);
  set_str (committee, "secretary_id",
           g_array_index (c->members, Participant, 0).person_id);
  set_str (committee, "deputy_id",
           g_array_index (c->members, Participant, 1).person_id);
  return put (d, "community", c->id, community, error) &&
         put (d, "party_org", c->committee_id, committee, error);
}

/* Estates and branches are drawn first: branches are named after their
 * estates, estates point at their branch, and a red owners' committee is
 * often chaired by the branch secretary. */
static void
plan_estates (Demo      *d,
              Community *c)
{
  for (guint i = 0; i < c->n_estates; i++)
    {
      Estate e = { 0 };
      g_autofree char *name = NULL;

      do
        {
          const char *stem = PICK (&d->rng, estate_stems);
          const char *suffix = PICK (&d->rng, estate_suffixes);
          const char *phase = rng_chance (&d->rng, 20) ? PICK (&d->rng, estate_phases) : "";

          g_clear_pointer (&name, g_free);
          name = g_strconcat (stem, suffix, phase, NULL);
        }
      while (g_hash_table_contains (d->used, name));
      e.name = keep (d, g_steal_pointer (&name));
      reserve (d, e.name);
      e.flags = d->estate_flags[c->first_estate + i];
      e.branch = i < 2 * c->n_pairs ? i / 2 : i - c->n_pairs;
      if (e.flags & FLAG_PC)
        {
          e.company = &d->companies[rng_below (&d->rng, N_COMPANIES)];
          e.manager = person_name (d, rng_chance (&d->rng, 60));
        }
      g_array_append_val (c->estates, e);
    }

  for (guint b = 0; b < c->n_estates - c->n_pairs; b++)
    {
      Branch br = { 0 };

      br.first_estate = b < c->n_pairs ? 2 * b : b + c->n_pairs;
      br.n_estates = b < c->n_pairs ? 2 : 1;
      br.secretary.name = person_name (d, rng_chance (&d->rng, 55));
      g_array_append_val (c->branches, br);
    }

  for (guint i = 0; i < c->n_estates; i++)
    {
      Estate *e = &g_array_index (c->estates, Estate, i);

      if ((e->flags & FLAG_RED_OC) && rng_chance (&d->rng, 60))
        e->oc_chair = g_array_index (c->branches, Branch, e->branch).secretary.name;
      else if (e->flags & FLAG_OC)
        e->oc_chair = person_name (d, rng_chance (&d->rng, 55));
    }
}

static gboolean
put_branches (Demo       *d,
              Community  *c,
              GError    **error)
{
  for (guint b = 0; b < c->branches->len; b++)
    {
      Branch *br = &g_array_index (c->branches, Branch, b);
      const Estate *first = &g_array_index (c->estates, Estate, br->first_estate);
      g_autoptr(JsonObject) obj = record_new (d, &br->id);
      GDate founded = random_founding (d, 2012, 2023);
      const char *kind;

      if (br->n_estates == 2 && rng_chance (&d->rng, 80))
        {
          kind = "joint";
          br->name = keepf (d, "%s%s联合党支部", first->name, first[1].name);
        }
      else if (rng_chance (&d->rng, 12))
        {
          kind = "grid_branch";
          br->name = keepf (d, "%s第%u网格党支部", c->stem, b + 1);
        }
      else
        {
          kind = "estate_branch";
          br->name = keepf (d, "%s党支部", first->name);
        }

      set_str (obj, "community_id", c->id);
      set_str (obj, "parent_id", c->committee_id);
      set_str (obj, "level", "branch");
      set_str (obj, "org_kind", kind);
      set_str (obj, "name", br->name);
      set_str (obj, "org_code", org_code (d));
      set_date (d, obj, "founded_on", &founded);
      set_term (d, obj, "term_start", "term_end");
      set_int (obj, "members_count", rng_range (&d->rng, 8, 60));
      set_int (obj, "position", b + 1);
      d->stats.branches++;
      if (!put (d, "party_org", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}

/* A red owners' committee or property company ticks at least one of the
 * three checkboxes that make it red; the others tick none. */
static void
set_owners_committee (Demo       *d,
                      JsonObject *obj,
                      Estate     *e,
                      Community  *c)
{
  GDate term_end = days_from (&d->today, (int) rng_range (&d->rng, 0, 5 * 365) - 90);
  gboolean red = (e->flags & FLAG_RED_OC) != 0;
  /* Cross-posting is what the chair's name says; a red committee without
   * it has a Party majority. */
  gboolean cross = red && e->oc_chair == g_array_index (c->branches, Branch, e->branch).secretary.name;
  gboolean majority = red && (!cross || rng_chance (&d->rng, 60));

  set_bool (obj, "has_owners_committee", TRUE);
  set_str (obj, "owners_committee_chair", e->oc_chair);
  set_date (d, obj, "owners_committee_term_end", &term_end);
  set_bool (obj, "red_owners_committee", red);
  set_bool (obj, "oc_party_majority", majority);
  set_bool (obj, "oc_cross_post", cross);
  set_bool (obj, "oc_party_group", red && rng_chance (&d->rng, 50));
}

static void
set_property (Demo       *d,
              JsonObject *obj,
              Estate     *e)
{
  const char *basis[3] = { "pc_party_org", "pc_manager_member", "pc_members_identified" };
  gboolean red = (e->flags & FLAG_RED_PC) != 0;
  guint forced = rng_below (&d->rng, 3);

  set_bool (obj, "has_property_company", TRUE);
  set_str (obj, "property_company", e->company->name);
  set_str (obj, "property_uscc", e->company->uscc);
  set_str (obj, "property_manager", e->manager);
  set_str (obj, "property_phone", rng_chance (&d->rng, 50) ? landline (d) : mobile (d));
  set_bool (obj, "red_property", red);
  for (guint i = 0; i < 3; i++)
    set_bool (obj, basis[i], red && (i == forced || rng_chance (&d->rng, 50)));
}

static gboolean
put_estates (Demo       *d,
             Community  *c,
             GError    **error)
{
  for (guint i = 0; i < c->estates->len; i++)
    {
      Estate *e = &g_array_index (c->estates, Estate, i);
      g_autoptr(JsonObject) obj = record_new (d, &e->id);
      guint households = rng_range (&d->rng, 150, 2500);

      set_str (obj, "community_id", c->id);
      set_str (obj, "code", keepf (d, "%s-%02u", c->code, i + 1));
      set_str (obj, "name", e->name);
      set_str (obj, "address", address (d, c));
      set_int (obj, "households", households);
      set_int (obj, "population", households * rng_range (&d->rng, 220, 310) / 100);
      set_int (obj, "buildings", households / rng_range (&d->rng, 40, 120) + 1);
      set_bool (obj, "is_old_estate", rng_chance (&d->rng, 35));
      set_str (obj, "branch_id", g_array_index (c->branches, Branch, e->branch).id);
      if (e->flags & FLAG_OC)
        set_owners_committee (d, obj, e, c);
      else
        set_bool (obj, "has_owners_committee", FALSE);
      if (e->flags & FLAG_PC)
        set_property (d, obj, e);
      else
        set_bool (obj, "has_property_company", FALSE);
      set_bool (obj, "joint_mechanism",
                (e->flags & (FLAG_RED_OC | FLAG_RED_PC)) || rng_chance (&d->rng, 40));
      d->stats.estates++;
      if (!put (d, "estate", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}

static const char *const employers[] = {
  "厦门市第一医院", "厦门大学", "厦门港务集团", "厦门公交集团", "中国建设银行厦门分行",
  "厦门水务集团", "厦门市税务局", "厦门航空有限公司", "厦门国贸集团", "厦门市教育局",
};

/* Branch secretaries live in the first estate of their branch; building
 * groups hang under some branches. */
static gboolean
put_branch_people (Demo       *d,
                   Community  *c,
                   GError    **error)
{
  guint position = c->branches->len + 1;

  for (guint b = 0; b < c->branches->len; b++)
    {
      Branch *br = &g_array_index (c->branches, Branch, b);
      const Estate *e = &g_array_index (c->estates, Estate, br->first_estate);
      PersonSpec spec = { .org_id = br->id, .estate_id = e->id, .min_age = 35, .max_age = 70,
                          .name = br->secretary.name };
      g_autoptr(JsonObject) update = json_object_new ();
      guint n_groups = rng_chance (&d->rng, 25) ? rng_range (&d->rng, 1, 2) : 0;

      spec.employer = PICK (&d->rng, employers);
      if (!put_person (d, c, &spec, &br->secretary, error))
        return FALSE;
      set_str (update, "secretary_id", br->secretary.person_id);
      if (!put (d, "party_org", br->id, update, error))
        return FALSE;

      for (guint g = 0; g < n_groups; g++)
        {
          g_autoptr(JsonObject) obj = record_new (d, NULL);
          guint building = rng_range (&d->rng, 1, 12) * 2 + g;

          set_str (obj, "community_id", c->id);
          set_str (obj, "parent_id", br->id);
          set_str (obj, "level", "group");
          set_str (obj, "org_kind", "building_group");
          set_str (obj, "name", keepf (d, "%s%u号楼党小组", e->name, building));
          set_str (obj, "building_nos", keepf (d, "%u#、%u#", building, building + 2));
          set_int (obj, "members_count", rng_range (&d->rng, 3, 12));
          set_int (obj, "position", position++);
          if (!put (d, "party_org", NULL, obj, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
put_grids (Demo       *d,
           Community  *c,
           GError    **error)
{
  static const char *const org_types[] = {
    "grid_branch", "grid_branch", "building_group", "building_group", "building_group",
    "center_household", "center_household", "none",
  };

  for (guint g = 0; g < c->n_grids; g++)
    {
      g_autoptr(JsonObject) obj = record_new (d, NULL);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      const char *workers[3];
      const char *sides[4];
      guint n_workers = rng_range (&d->rng, 1, 3);
      gboolean dedicated = rng_chance (&d->rng, 10);

      /* Estates go round-robin; a grid without one shares an estate. */
      for (guint i = g; i < c->n_estates; i += c->n_grids)
        g_ptr_array_add (ids, (gpointer) g_array_index (c->estates, Estate, i).id);
      if (ids->len == 0)
        g_ptr_array_add (ids, (gpointer) g_array_index (c->estates, Estate, g % c->n_estates).id);
      for (guint i = 0; i < n_workers; i++)
        workers[i] = person_name (d, rng_chance (&d->rng, 40));

      set_str (obj, "community_id", c->id);
      set_str (obj, "code", keepf (d, "%s-G%02u", c->code, g + 1));
      set_str (obj, "name", dedicated ? keepf (d, "%s第%u专属网格", c->stem, g + 1)
                                      : keepf (d, "%s第%u网格", c->stem, g + 1));
      set_str (obj, "grid_type", dedicated ? "dedicated" : "city");
      set_list (obj, "estate_ids", (const char *const *) ids->pdata, ids->len);
      set_int (obj, "households", rng_range (&d->rng, 300, 1200));
      set_int (obj, "population", rng_range (&d->rng, 800, 3500));
      set_str (obj, "leader", person_name (d, rng_chance (&d->rng, 50)));
      set_list (obj, "workers", workers, n_workers);
      for (guint i = 0; i < 4; i++)
        sides[i] = PICK (&d->rng, roads);
      set_str (obj, "boundary_note",
               keepf (d, "东至%s，西至%s，南至%s，北至%s", sides[0], sides[1], sides[2], sides[3]));
      set_str (obj, "party_org_type", PICK (&d->rng, org_types));
      if (!put (d, "grid", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}

/* Partner units
 */

static const UnitKind *
pick_unit_kind (Rng *r)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (unit_kinds); i++)
    total += unit_kinds[i].weight;
  pick = rng_below (r, total);
  for (guint i = 0; i < G_N_ELEMENTS (unit_kinds); i++)
    {
      if (pick < unit_kinds[i].weight)
        return &unit_kinds[i];
      pick -= unit_kinds[i].weight;
    }
  return &unit_kinds[0];
}

static const char *
unit_name (Demo           *d,
           Community      *c,
           const UnitKind *kind)
{
  g_autofree char *street = g_strndup (c->street, strlen (c->street) - strlen ("街道"));
  const char *values[] = { c->district->name, c->district->short_name, street, c->stem, NULL };
  guint n = 0;
  const char *name = NULL;

  while (n < G_N_ELEMENTS (kind->names) && kind->names[n] != NULL)
    n++;
  for (guint tries = 0; tries < 10; tries++)
    {
      values[4] = PICK (&d->rng, company_stems);
      name = expand (d, kind->names[rng_below (&d->rng, n)], "DdSCX", values);
      if (reserve (d, name))
        return name;
    }
  return reserve_numbered (d, name);
}

static void
add_links (Demo       *d,
           Community  *c,
           JsonObject *obj,
           Unit       *u,
           const GDate *since)
{
  u->n_estates = rng_range (&d->rng, 1, 2);
  pick_distinct (&d->rng, c->n_estates, u->n_estates, u->estates);
  for (guint i = 0; i < u->n_estates; i++)
    {
      JsonObject *link = child_new (d, obj, "unit_estate_link", FALSE, NULL);

      set_str (link, "estate_id", g_array_index (c->estates, Estate, u->estates[i]).id);
      set_date (d, link, "since", since);
      set_bool (link, "is_primary", i == 0);
    }
}

static void
add_projects (Demo       *d,
              Community  *c,
              JsonObject *obj,
              Unit       *u)
{
  guint n = rng_range (&d->rng, 1, 3);
  guint types[3];
  GDate jan1 = make_date (g_date_get_year (&d->today), 1, 1);

  pick_distinct (&d->rng, G_N_ELEMENTS (lian_types), n, types);
  for (guint i = 0; i < n; i++)
    {
      const LianType *lt = &lian_types[types[i]];
      guint estate = u->estates[rng_below (&d->rng, u->n_estates)];
      const Estate *e = &g_array_index (c->estates, Estate, estate);
      JsonObject *p = child_new (d, obj, "project", TRUE, NULL);
      const char *title = PICK (&d->rng, lt->titles);
      GDate start = random_day (d, &jan1, &d->today);
      GDate end = days_from (&start, (int) rng_range (&d->rng, 30, 240));

      if (strcmp (lt->key, "environment") == 0)
        title = keepf (d, "%s%s", e->name, title);
      set_str (p, "estate_id", e->id);
      set_int (p, "year", g_date_get_year (&d->today));
      set_str (p, "lian_type", lt->key);
      set_str (p, "title", title);
      set_str (p, "description",
               keepf (d, "%s与%s结对共建，围绕“%s”开展%s，预计惠及居民%u户。",
                      u->name, c->name, lt->label, title, rng_range (&d->rng, 50, 800)));
      if (rng_chance (&d->rng, 60))
        set_real (p, "budget", rng_range (&d->rng, 5, 200) * 1000.0);
      if (rng_chance (&d->rng, 12))
        {
          set_str (p, "status", "planned");
          continue;
        }
      set_date (d, p, "start_on", &start);
      set_date (d, p, "end_on", &end);
      if (g_date_compare (&end, &d->today) >= 0)
        set_str (p, "status", "in_progress");
      else
        set_str (p, "status", rng_chance (&d->rng, 92) ? "done" : "stopped");
    }
}

static void
add_part_time_member (Demo       *d,
                      JsonObject *obj,
                      const char *chief)
{
  JsonObject *m = child_new (d, obj, "part_time_member", TRUE, NULL);
  GDate start = days_from (&d->today, -(int) rng_range (&d->rng, 60, 4 * 365));
  GDate end = start;

  g_date_add_years (&end, 5);
  set_str (m, "name", rng_chance (&d->rng, 40) ? chief
                                               : person_name (d, rng_chance (&d->rng, 60)));
  set_str (m, "post", rng_chance (&d->rng, 10) ? "deputy_secretary" : "member");
  set_str (m, "unit_post", PICK (&d->rng, unit_posts));
  set_str (m, "rank", PICK (&d->rng, ranks));
  set_date (d, m, "term_start", &start);
  set_date (d, m, "term_end", &end);
  set_str (m, "mobile", mobile (d));
  d->stats.part_time_members++;
}

static void
set_unit_fields (Demo           *d,
                 Community      *c,
                 JsonObject     *obj,
                 const UnitKind *kind,
                 Unit           *u,
                 const GDate    *signed_on)
{
  gboolean gov = strcmp (kind->unit_type, "party_gov") == 0;
  GDate term_end = *signed_on;
  guint picked[3];
  guint n_resources = rng_range (&d->rng, 2, 3), n_demands = rng_range (&d->rng, 1, 2);
  const char *chosen[3];

  g_date_add_years (&term_end, 3);
  set_str (obj, "community_id", c->id);
  set_str (obj, "name", u->name);
  if (kind->uscc_prefix != NULL && rng_chance (&d->rng, gov ? 85 : 95))
    {
      char code[19];

      set_str (obj, "uscc",
               uscc (&d->rng, kind->uscc_prefix,
                     g_str_has_prefix (u->name, "厦门") ? "350200" : c->district->code,
                     code));
    }
  set_str (obj, "category", gov ? (rng_chance (&d->rng, 70) ? "linked" : "co_building")
                                : (rng_chance (&d->rng, 55) ? "resident" : "co_building"));
  set_str (obj, "unit_type", kind->unit_type);
  set_str (obj, "party_org_name",
           gov ? keepf (d, "中共%s机关委员会", u->name) : keepf (d, "中共%s支部委员会", u->name));
  set_int (obj, "party_members", rng_range (&d->rng, 5, 300));
  set_int (obj, "staff", rng_range (&d->rng, 20, 2000));
  set_str (obj, "address", address (d, c));
  set_str (obj, "chief", person_name (d, rng_chance (&d->rng, 70)));
  set_str (obj, "chief_mobile", mobile (d));
  set_str (obj, "liaison", u->liaison);
  set_str (obj, "liaison_phone", rng_chance (&d->rng, 60) ? mobile (d) : landline (d));
  set_date (d, obj, "agreement_signed_on", signed_on);
  set_date (d, obj, "agreement_term_end", &term_end);
  pick_distinct (&d->rng, G_N_ELEMENTS (resources), n_resources, picked);
  for (guint i = 0; i < n_resources; i++)
    chosen[i] = resources[picked[i]];
  set_list (obj, "resources", chosen, n_resources);
  pick_distinct (&d->rng, G_N_ELEMENTS (demands), n_demands, picked);
  for (guint i = 0; i < n_demands; i++)
    chosen[i] = demands[picked[i]];
  set_list (obj, "demands", chosen, n_demands);
  set_str (obj, "status", rng_chance (&d->rng, 95) ? "active" : "paused");
}

static gboolean
put_units (Demo       *d,
           Community  *c,
           GError    **error)
{
  for (guint i = 0; i < c->n_units; i++)
    {
      const UnitKind *kind = pick_unit_kind (&d->rng);
      Unit u = { 0 };
      g_autoptr(JsonObject) obj = record_new (d, &u.id);
      GDate signed_on = days_from (&d->today, -(int) rng_range (&d->rng, 30, 3 * 365 - 30));

      u.name = unit_name (d, c, kind);
      u.liaison = person_name (d, rng_chance (&d->rng, 50));
      set_unit_fields (d, c, obj, kind, &u, &signed_on);
      add_links (d, c, obj, &u, &signed_on);
      add_projects (d, c, obj, &u);
      if (d->unit_ptm[c->first_unit + i])
        add_part_time_member (d, obj, json_object_get_string_member (obj, "chief"));
      d->stats.partner_units++;
      if (!put (d, "partner_unit", NULL, obj, error))
        return FALSE;
      g_array_append_val (c->units, u);
    }
  return TRUE;
}

/* Meetings
 */

typedef enum
{
  MEETING_JOINT,
  MEETING_COMMITTEE,
  MEETING_GENERAL,
  MEETING_SELF_GOV,
  MEETING_CO_GOV,
} MeetingKind;

static const char *const meeting_types[] = {
  "joint", "committee", "general", "self_gov", "co_gov",
};
static const char *const cn_numbers[] = { "一", "二", "三", "四" };

typedef struct
{
  guint due;
  guint present;
  guint leave;
  guint absent;
} Tally;

/* What one meeting is about. */
typedef struct
{
  MeetingKind     kind;
  const GDate    *date;
  const Estate   *estate;
  const Unit     *unit;
  const Branch   *branch;
  JsonObject     *obj;
  Tally           tally;
  guint           n_items;
  guint           n_decisions;
  const char     *first_item;
} Meeting;

static void
add_attendance (Demo              *d,
                Meeting           *m,
                const Participant *p,
                const char        *role,
                gboolean           sure)
{
  JsonObject *row = child_new (d, m->obj, "attendance", TRUE, NULL);
  guint roll = sure ? 0 : rng_below (&d->rng, 100);
  const char *status = roll < 82 ? "present" : roll < 87 ? "late" : roll < 96 ? "leave" : "absent";

  set_str (row, "person_id", p->person_id);
  set_str (row, "unit_id", p->unit_id);
  set_str (row, "name", p->name);
  set_str (row, "role", role);
  set_str (row, "status", status);
  if (strcmp (status, "leave") == 0)
    set_str (row, "reason", PICK (&d->rng, leave_reasons));
  else if (strcmp (status, "absent") == 0)
    set_str (row, "reason", PICK (&d->rng, absent_reasons));

  /* 应到/实到 count those expected, not observers or guests. */
  if (strcmp (role, "due") != 0)
    return;
  m->tally.due++;
  if (roll < 87)
    m->tally.present++;
  else if (roll < 96)
    m->tally.leave++;
  else
    m->tally.absent++;
}

/* Up to @k committee members other than @skip_a and @skip_b. */
static void
add_members (Demo      *d,
             Community *c,
             Meeting   *m,
             guint      skip_a,
             guint      skip_b,
             guint      k)
{
  guint order[MAX_LOCAL];

  pick_distinct (&d->rng, c->members->len, c->members->len, order);
  for (guint i = 0; i < c->members->len && k > 0; i++)
    if (order[i] != skip_a && order[i] != skip_b)
      {
        add_attendance (d, m, &g_array_index (c->members, Participant, order[i]), "due", FALSE);
        k--;
      }
}

static void
add_branch_secretaries (Demo      *d,
                        Community *c,
                        Meeting   *m,
                        guint      k)
{
  guint order[MAX_LOCAL];

  /* The secretary of the estate under discussion presents it. */
  add_attendance (d, m, &m->branch->secretary, "due", TRUE);
  k = MIN (k, c->branches->len);
  pick_distinct (&d->rng, c->branches->len, k, order);
  for (guint i = 1; i < k; i++)
    {
      const Branch *br = &g_array_index (c->branches, Branch, order[i]);

      if (br != m->branch)
        add_attendance (d, m, &br->secretary, "due", FALSE);
    }
}

static void
add_unit_reps (Demo      *d,
               Community *c,
               Meeting   *m,
               guint      k)
{
  guint order[MAX_LOCAL];
  Participant rep = { 0 };

  rep.name = m->unit->liaison;
  rep.unit_id = m->unit->id;
  add_attendance (d, m, &rep, "due", FALSE);
  k = MIN (k, c->units->len);
  pick_distinct (&d->rng, c->units->len, k, order);
  for (guint i = 1; i < k; i++)
    {
      const Unit *u = &g_array_index (c->units, Unit, order[i]);

      if (u == m->unit)
        continue;
      rep.name = u->liaison;
      rep.unit_id = u->id;
      add_attendance (d, m, &rep, "due", FALSE);
    }
}

static void
add_guests (Demo    *d,
            Meeting *m,
            guint    n_residents)
{
  Participant p = { 0 };

  if (m->estate->manager != NULL)
    {
      p.name = m->estate->manager;
      add_attendance (d, m, &p, "guest", FALSE);
    }
  if (m->estate->oc_chair != NULL && m->estate->oc_chair != m->branch->secretary.name)
    {
      p.name = m->estate->oc_chair;
      add_attendance (d, m, &p, "guest", FALSE);
    }
  for (guint i = 0; i < n_residents; i++)
    {
      p.name = person_name (d, rng_chance (&d->rng, 50));
      add_attendance (d, m, &p, "due", FALSE);
    }
}

/* Past deadlines are mostly met; open ones are under way. */
static const char *
decision_status (Demo        *d,
                 const GDate *due,
                 double      *progress)
{
  guint roll = rng_below (&d->rng, 100);

  *progress = 0;
  if (g_date_compare (due, &d->today) < 0)
    {
      if (roll < 75)
        {
          *progress = 100;
          return "done";
        }
      if (roll < 95)
        {
          *progress = rng_range (&d->rng, 50, 90);
          return "delayed";
        }
      *progress = rng_range (&d->rng, 0, 30);
      return "cancelled";
    }
  if (roll < 70)
    {
      *progress = rng_range (&d->rng, 10, 80);
      return "in_progress";
    }
  return "not_started";
}

/* A deliberation with the four steps and one or two decisions. */
static void
add_deliberation (Demo        *d,
                  Meeting     *m,
                  const Topic *t)
{
  JsonObject *item = child_new (d, m->obj, "agenda_item", TRUE, NULL);
  const char *values[5] = { m->estate->name, m->unit->name,
                            m->estate->company ? m->estate->company->name : "小区物业服务中心",
                            m->branch->secretary.name, NULL };
  guint n = rng_range (&d->rng, 1, 2);
  gboolean all_done = TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *dec = child_new (d, item, "decision", TRUE, NULL);
      GDate due = days_from (m->date, (int) rng_range (&d->rng, 20, 120));
      GDate disclosed = days_from (m->date, (int) rng_range (&d->rng, 1, 3));
      GDate result = days_from (&due, (int) rng_range (&d->rng, 1, 7));
      double progress;
      const char *status = decision_status (d, &due, &progress);

      values[4] = cn_date_str (d, &due);
      set_str (dec, "text", expand (d, i == 0 ? t->decision_a : t->decision_b,
                                    "EUPBD", values));
      if (rng_chance (&d->rng, 50))
        set_str (dec, "lead_unit_id", m->unit->id);
      else
        set_str (dec, "lead_org_id", m->branch->id);
      set_str (dec, "owner", rng_chance (&d->rng, 50) ? m->branch->secretary.name
                                                      : m->unit->liaison);
      set_date (d, dec, "due_on", &due);
      set_str (dec, "status", status);
      set_real (dec, "progress", progress);
      if (strcmp (status, "cancelled") == 0)
        set_str (dec, "feedback", "经复议，该事项暂缓实施。");
      else if (progress > 0)
        set_str (dec, "feedback", expand (d, progress == 100 ? t->done : t->pending,
                                          "EUPBD", values));
      if (g_date_compare (&disclosed, &d->today) <= 0)
        set_date (d, dec, "decision_disclosed_on", &disclosed);
      if (progress == 100 && g_date_compare (&result, &d->today) <= 0)
        set_date (d, dec, "result_disclosed_on", &result);
      all_done = all_done && progress == 100;
      m->n_decisions++;
    }

  values[4] = cn_date_str (d, m->date);
  set_int (item, "position", ++m->n_items);
  set_str (item, "title", expand (d, t->title, "EUPBD", values));
  set_str (item, "presenter", m->branch->secretary.name);
  set_str (item, "item_kind", "deliberation");
  set_str (item, "step_consult", expand (d, t->consult, "EUPBD", values));
  set_str (item, "step_plan", expand (d, t->plan, "EUPBD", values));
  set_str (item, "step_execute", expand (d, t->execute, "EUPBD", values));
  set_str (item, "step_feedback", expand (d, all_done ? t->done : t->pending,
                                          "EUPBD", values));
  if (m->first_item == NULL)
    m->first_item = json_object_get_string_member (item, "title");
}

static void
add_plain_item (Demo       *d,
                Meeting    *m,
                const char *title,
                const char *kind,
                const char *presenter)
{
  JsonObject *item = child_new (d, m->obj, "agenda_item", TRUE, NULL);

  set_int (item, "position", ++m->n_items);
  set_str (item, "title", title);
  set_str (item, "presenter", presenter);
  set_str (item, "item_kind", kind);
  if (strcmp (kind, "vote") == 0)
    {
      /* Everyone present votes; now and then one against or abstaining. */
      guint no = rng_below (&d->rng, 2), abstain = rng_below (&d->rng, 2);

      if (no + abstain >= m->tally.present)
        no = abstain = 0;
      set_int (item, "votes_yes", m->tally.present - no - abstain);
      set_int (item, "votes_no", no);
      set_int (item, "votes_abstain", abstain);
    }
  if (m->first_item == NULL)
    m->first_item = title;
}

static void
add_agenda (Demo      *d,
            Community *c,
            Meeting   *m)
{
  const char *secretary = g_array_index (c->members, Participant, 0).name;
  guint order[G_N_ELEMENTS (topics)];
  guint n;

  switch (m->kind)
    {
    case MEETING_COMMITTEE:
      add_plain_item (d, m, PICK (&d->rng, study_topics), "study", secretary);
      add_deliberation (d, m, &PICK (&d->rng, topics));
      break;
    case MEETING_GENERAL:
      add_plain_item (d, m, PICK (&d->rng, study_topics), "study", secretary);
      add_plain_item (d, m, PICK (&d->rng, vote_topics), "vote", secretary);
      break;
    case MEETING_JOINT:
    case MEETING_SELF_GOV:
    case MEETING_CO_GOV:
    default:
      n = m->kind == MEETING_JOINT ? rng_range (&d->rng, 2, 3) : rng_range (&d->rng, 1, 2);
      pick_distinct (&d->rng, G_N_ELEMENTS (topics), n, order);
      for (guint i = 0; i < n; i++)
        add_deliberation (d, m, &topics[order[i]]);
      break;
    }
}

static void
add_people (Demo      *d,
            Community *c,
            Meeting   *m,
            guint      recorder)
{
  switch (m->kind)
    {
    case MEETING_JOINT:
      add_members (d, c, m, 0, recorder, rng_range (&d->rng, 1, 2));
      add_branch_secretaries (d, c, m, rng_range (&d->rng, 1, 2));
      add_unit_reps (d, c, m, rng_range (&d->rng, 2, 3));
      if (m->estate->manager != NULL && rng_chance (&d->rng, 60))
        {
          Participant p = { .name = m->estate->manager };
          add_attendance (d, m, &p, "guest", FALSE);
        }
      break;
    case MEETING_COMMITTEE:
      add_members (d, c, m, 0, recorder, c->members->len);
      break;
    case MEETING_GENERAL:
      add_members (d, c, m, 0, recorder, c->members->len);
      add_branch_secretaries (d, c, m, rng_range (&d->rng, 2, 4));
      break;
    case MEETING_SELF_GOV:
      add_guests (d, m, rng_range (&d->rng, 3, 5));
      break;
    case MEETING_CO_GOV:
    default:
      add_unit_reps (d, c, m, 2);
      add_guests (d, m, rng_range (&d->rng, 2, 3));
      break;
    }
}

static const char *
meeting_summary (Demo          *d,
                 const Meeting *m,
                 const char    *host)
{
  const char *body;

  switch (m->kind)
    {
    case MEETING_COMMITTEE:
      body = keepf (d, "传达学习了上级有关文件精神，研究了“%s”等事项", m->first_item);
      break;
    case MEETING_GENERAL:
      body = keepf (d, "组织党员集中学习，审议了“%s”等事项", m->first_item);
      break;
    case MEETING_JOINT:
    case MEETING_SELF_GOV:
    case MEETING_CO_GOV:
    default:
      body = keepf (d, "按照“共同会商、提出方案、协同执行、落实反馈”的程序，"
                       "围绕“%s”等%u个议题进行了深入讨论", m->first_item, m->n_items);
      break;
    }
  return keepf (d, "会议由%s主持，应到%u人，实到%u人，请假%u人，缺席%u人。会议%s，形成决议%u项。",
                host, m->tally.due, m->tally.present, m->tally.leave, m->tally.absent, body,
                m->n_decisions);
}

/* Older minutes are mostly approved; recent ones are still in review. */
static const char *
meeting_state (Demo        *d,
               const GDate *date)
{
  int age = g_date_days_between (date, &d->today);
  guint roll = rng_below (&d->rng, 100);

  if (age >= 14)
    return roll < 94 ? JL_MEETING_APPROVED : roll < 98 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
  if (age >= 3)
    return roll < 40 ? JL_MEETING_APPROVED : roll < 80 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
  return roll < 40 ? JL_MEETING_SUBMITTED : JL_MEETING_DRAFT;
}

static gboolean
approve_meeting (Demo        *d,
                 Community   *c,
                 const char  *id,
                 const GDate *date,
                 GError     **error)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  int age = g_date_days_between (date, &d->today);
  GDate on = days_from (date, (int) rng_range (&d->rng, 1, (guint) MIN (age, 10)));
  guint hour;

  set_str (obj, "state", JL_MEETING_APPROVED);
  set_str (obj, "approved_by", keepf (d, "%s党工委 %s", c->street,
                                     person_name (d, rng_chance (&d->rng, 60))));
  hour = rng_range (&d->rng, 9, 17);
  set_str (obj, "approved_at", keepf (d, "%s %02u:%02u", date_str (d, &on), hour,
                                     rng_below (&d->rng, 4) * 15));
  return put (d, "meeting", id, obj, error);
}

static gboolean
put_meeting (Demo         *d,
             Community    *c,
             MeetingKind   kind,
             const char   *title,
             const GDate  *date,
             const char  **id_out,
             GError      **error)
{
  static const guint starts[] = { 9, 9, 14, 15, 19 };
  g_autoptr(JsonObject) obj = NULL;
  Meeting m = { .kind = kind, .date = date };
  gboolean estate_level = kind == MEETING_SELF_GOV || kind == MEETING_CO_GOV;
  guint recorder = rng_range (&d->rng, 1, c->members->len - 1);
  const Participant *host;
  guint hour = PICK (&d->rng, starts), minute = rng_chance (&d->rng, 50) ? 30 : 0;
  const char *id, *state;

  obj = record_new (d, &id);
  m.obj = obj;
  m.unit = &g_array_index (c->units, Unit, rng_below (&d->rng, c->units->len));
  m.estate = &g_array_index (c->estates, Estate, kind == MEETING_SELF_GOV
                             ? rng_below (&d->rng, c->estates->len)
                             : m.unit->estates[rng_below (&d->rng, m.unit->n_estates)]);
  m.branch = &g_array_index (c->branches, Branch, m.estate->branch);
  host = estate_level ? &m.branch->secretary : &g_array_index (c->members, Participant, 0);
  if (title == NULL)
    title = kind == MEETING_SELF_GOV ? keepf (d, "%s居民议事会（自治议）", m.estate->name)
                                     : keepf (d, "%s共治协商会（共治议）", m.estate->name);

  set_str (obj, "community_id", c->id);
  set_str (obj, "org_id", estate_level ? m.branch->id : c->committee_id);
  set_str (obj, "meeting_type", meeting_types[kind]);
  set_str (obj, "title", title);
  set_str (obj, "held_at", keepf (d, "%s %02u:%02u", date_str (d, date), hour, minute));
  set_str (obj, "ended_at", keepf (d, "%s %02u:%02u", date_str (d, date), hour + 2, minute));
  set_str (obj, "place", estate_level ? keepf (d, "%s党群服务站", m.estate->name)
                                      : PICK (&d->rng, places));
  set_str (obj, "host_id", host->person_id);
  set_str (obj, "recorder_id", g_array_index (c->members, Participant, recorder).person_id);
  if (kind == MEETING_JOINT)
    set_str (obj, "observers", keepf (d, "%s党工委组织委员", c->street));
  else if (kind == MEETING_CO_GOV)
    set_str (obj, "observers", "辖区民警、人大代表、居民代表");
  set_bool (obj, "is_public", kind != MEETING_COMMITTEE);

  add_attendance (d, &m, host, "due", TRUE);
  add_attendance (d, &m, &g_array_index (c->members, Participant, recorder), "due", TRUE);
  add_people (d, c, &m, recorder);
  add_agenda (d, c, &m);
  set_str (obj, "summary", meeting_summary (d, &m, host->name));

  /* The store applies the state once the children are in. */
  state = meeting_state (d, date);
  if (strcmp (state, JL_MEETING_DRAFT) != 0)
    set_str (obj, "state", JL_MEETING_SUBMITTED);
  d->stats.meetings++;
  if (!put (d, "meeting", NULL, obj, error))
    return FALSE;
  if (strcmp (state, JL_MEETING_APPROVED) == 0 && !approve_meeting (d, c, id, date, error))
    return FALSE;
  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

static GDate
month_start (const GDate *date,
             guint        months_back)
{
  GDate out = make_date (g_date_get_year (date), g_date_get_month (date), 1);

  g_date_subtract_months (&out, months_back);
  return out;
}

static GDate
month_end (const GDate *start,
           guint        months)
{
  GDate out = *start;

  g_date_add_months (&out, months);
  g_date_subtract_days (&out, 1);
  return out;
}

static gboolean
put_joint_meetings (Demo       *d,
                    Community  *c,
                    GError    **error)
{
  guint quarter_month = (g_date_get_month (&d->today) - 1) % 3;

  for (guint k = 0; k < 4; k++)
    {
      GDate from = month_start (&d->today, quarter_month + 3 * (3 - k));
      GDate to = month_end (&from, 3);
      guint q = (g_date_get_month (&from) - 1) / 3;
      const char *title = keepf (d, "%u年第%s季度党建联席会议", g_date_get_year (&from),
                                 cn_numbers[q]);

      if (k == 3 && d->missing_joint[c->index])
        continue;
      c->joint_date[k] = random_workday (d, &from, earlier (&to, &d->today));
      if (!put_meeting (d, c, MEETING_JOINT, title, &c->joint_date[k], &c->joint[k], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_committee_meetings (Demo       *d,
                        Community  *c,
                        GError    **error)
{
  for (guint k = 0; k < 3; k++)
    {
      GDate from = month_start (&d->today, 2 - k);
      GDate to = month_end (&from, 1);
      GDate date = random_workday (d, &from, earlier (&to, &d->today));
      const char *title = keepf (d, "%u年%u月社区党委会议", g_date_get_year (&from),
                                 g_date_get_month (&from));

      if (!put_meeting (d, c, MEETING_COMMITTEE, title, &date, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_general_meeting (Demo       *d,
                     Community  *c,
                     GError    **error)
{
  GDate from = month_start (&d->today, (g_date_get_month (&d->today) - 1) % 6);
  GDate to = month_end (&from, 6);
  GDate date = random_workday (d, &from, earlier (&to, &d->today));
  const char *title = keepf (d, "%u年%s半年党员大会", g_date_get_year (&from),
                             g_date_get_month (&from) < 7 ? "上" : "下");

  return put_meeting (d, c, MEETING_GENERAL, title, &date, NULL, error);
}

/* One joint meeting a quarter for the last four quarters (this quarter's
 * is missing in a few communities), a committee meeting a month for three
 * months, this half-year's general meeting, and a few consultations in
 * the estates. */
static gboolean
put_meetings (Demo       *d,
              Community  *c,
              GError    **error)
{
  GDate from = days_from (&d->today, -300);

  if (!put_joint_meetings (d, c, error) ||
      !put_committee_meetings (d, c, error) ||
      !put_general_meeting (d, c, error))
    return FALSE;

  for (guint k = rng_range (&d->rng, 1, 3); k > 0; k--)
    {
      GDate date = random_day (d, &from, &d->today);

      if (!put_meeting (d, c, k % 2 ? MEETING_SELF_GOV : MEETING_CO_GOV, NULL, &date, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static const char *const problem_sources[] = { "hot_issue", "visit", "residents", "other" };

/* Prominent problems: one or two a year per unit, this year and last;
 * this year's are often the ones agreed in a joint meeting. */
static const char *
joint_meeting_in (Community *c,
                  guint      year,
                  GDate     *date)
{
  for (guint k = 0; k < 4; k++)
    if (c->joint[k] != NULL && g_date_get_year (&c->joint_date[k]) == year)
      {
        *date = c->joint_date[k];
        return c->joint[k];
      }
  return NULL;
}

static void
set_problem_outcome (Demo        *d,
                     JsonObject  *obj,
                     gboolean     this_year,
                     const GDate *started,
                     const GDate *year_end,
                     const char  *result)
{
  guint roll = rng_below (&d->rng, 100);
  const char *status;
  GDate solved = days_from (started, (int) rng_range (&d->rng, 15, 200));

  if (this_year)
    status = roll < 20 ? "claimed" : roll < 60 ? "in_progress" : "solved";
  else
    status = roll < 80 ? "solved" : roll < 90 ? "unsolved" : "transferred";
  if (strcmp (status, "solved") == 0 && g_date_compare (&solved, year_end) > 0)
    solved = *year_end;
  if (strcmp (status, "solved") == 0 && g_date_compare (&solved, started) < 0)
    solved = *started;

  set_str (obj, "status", status);
  if (strcmp (status, "solved") == 0)
    {
      guint rating = rng_below (&d->rng, 100);

      set_date (d, obj, "solved_on", &solved);
      set_str (obj, "result_text", result);
      set_str (obj, "resident_rating",
               rating < 75 ? "satisfied" : rating < 95 ? "basic" : "unsatisfied");
    }
}

static gboolean
put_problems (Demo       *d,
              Community  *c,
              GError    **error)
{
  guint this_year = g_date_get_year (&d->today);

  for (guint i = 0; i < c->units->len; i++)
    {
      const Unit *u = &g_array_index (c->units, Unit, i);

      for (guint year = this_year - 1; year <= this_year; year++)
        {
          guint n = rng_range (&d->rng, 1, 2);
          guint picked[2];
          GDate jan1 = make_date (year, 1, 1);
          GDate dec31 = make_date (year, 12, 31);
          const GDate *year_end = earlier (&dec31, &d->today);

          pick_distinct (&d->rng, G_N_ELEMENTS (problems), n, picked);
          for (guint k = 0; k < n; k++)
            {
              const Estate *e = &g_array_index (c->estates, Estate, u->estates[k % u->n_estates]);
              const char *values[2] = { e->name, u->name };
              g_autoptr(JsonObject) obj = record_new (d, NULL);
              const char *title = expand (d, problems[picked[k]].title, "EU", values);
              GDate started = random_day (d, &jan1, year_end);
              GDate meeting_date;
              const char *meeting = joint_meeting_in (c, year, &meeting_date);

              set_str (obj, "unit_id", u->id);
              set_str (obj, "estate_id", e->id);
              set_int (obj, "year", year);
              set_int (obj, "seq", k + 1);
              set_str (obj, "title", title);
              set_str (obj, "description",
                       keepf (d, "居民多次反映%s，影响群众生活，经共同会商确定由%s牵头协调解决。",
                              title, u->name));
              if (meeting != NULL && rng_chance (&d->rng, 50))
                {
                  set_str (obj, "source", "joint_meeting");
                  set_str (obj, "agreed_in_meeting_id", meeting);
                  started = meeting_date;
                }
              else
                set_str (obj, "source", PICK (&d->rng, problem_sources));
              set_date (d, obj, "started_on", &started);
              set_problem_outcome (d, obj, year == this_year, &started, year_end,
                                   expand (d, problems[picked[k]].result, "EU", values));
              if (!put (d, "problem", NULL, obj, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Evaluation (两评)
 */

typedef struct
{
  const char *id;
  const char *criteria[G_N_ELEMENTS (property_criteria)];
  double      max_points[G_N_ELEMENTS (property_criteria)];
  guint       n_criteria;
  gboolean    satisfaction;
} Template;

static gboolean
put_templates (Demo       *d,
               Community  *c,
               Template   *score,
               Template   *satisfaction,
               GError    **error)
{
  g_autoptr(JsonObject) obj = record_new (d, &score->id);
  g_autoptr(JsonObject) sat = record_new (d, &satisfaction->id);
  const double *weights = weight_sets[rng_below (&d->rng, G_N_ELEMENTS (weight_sets))];
  JsonObject *criterion;

  set_str (obj, "community_id", c->id);
  set_str (obj, "name", "红色物业考评表");
  set_str (obj, "target_kind", "property");
  set_str (obj, "scale", "score");
  score->n_criteria = G_N_ELEMENTS (property_criteria);
  for (guint i = 0; i < score->n_criteria; i++)
    {
      criterion = child_new (d, obj, "eval_criterion", TRUE, &score->criteria[i]);
      set_int (criterion, "position", i + 1);
      set_str (criterion, "category", property_criteria[i].category);
      set_str (criterion, "content", property_criteria[i].content);
      set_str (criterion, "standard", property_criteria[i].standard);
      set_real (criterion, "max_points", weights[i]);
      set_real (criterion, "weight", weights[i]);
      score->max_points[i] = weights[i];
    }

  set_str (sat, "community_id", c->id);
  set_str (sat, "name", "业委会履职满意度测评表");
  set_str (sat, "target_kind", "owners_committee");
  set_str (sat, "scale", "satisfaction");
  set_bool (sat, "drop_extremes", FALSE);
  criterion = child_new (d, sat, "eval_criterion", TRUE, &satisfaction->criteria[0]);
  set_int (criterion, "position", 1);
  set_str (criterion, "content", "业委会依法履职、公开透明、服务业主的总体评价");
  set_real (criterion, "max_points", 100);
  set_real (criterion, "weight", 100);
  satisfaction->n_criteria = 1;
  satisfaction->satisfaction = TRUE;

  return put (d, "eval_template", NULL, obj, error) &&
         put (d, "eval_template", NULL, sat, error);
}

static void
add_scores (Demo           *d,
            JsonObject     *sheet,
            const Template *tpl,
            double          quality,
            gboolean        incomplete)
{
  guint skipped = incomplete ? rng_below (&d->rng, tpl->n_criteria) : G_MAXUINT;

  for (guint i = 0; i < tpl->n_criteria; i++)
    {
      JsonObject *cell;
      double noise = (rng_unit (&d->rng) - 0.6) * 0.2;
      double q = CLAMP (quality + noise, 0.4, 1.0);

      if (i == skipped)
        continue;
      cell = child_new (d, sheet, "eval_score", FALSE, NULL);
      set_str (cell, "criterion_id", tpl->criteria[i]);
      /* Half points, never above the maximum. */
      set_real (cell, "points", MIN (tpl->max_points[i],
                                     (double) (guint) (tpl->max_points[i] * q * 2 + 0.5) / 2));
    }
}

static gboolean
put_sheets (Demo           *d,
            const char     *round_id,
            const char     *target_id,
            const Template *tpl,
            guint          *ballot,
            GError        **error)
{
  double quality = 0.70 + 0.27 * rng_unit (&d->rng);

  for (guint n = rng_range (&d->rng, 5, 9); n > 0; n--)
    {
      g_autoptr(JsonObject) sheet = json_object_new ();
      guint roll = rng_below (&d->rng, 100);

      d->stats.records++;
      set_str (sheet, "round_id", round_id);
      set_str (sheet, "target_id", target_id);
      set_int (sheet, "ballot_no", ++*ballot);
      if (roll < 3)
        {
          set_bool (sheet, "is_void", TRUE);
          set_str (sheet, "void_reason", PICK (&d->rng, void_reasons));
        }
      else if (tpl->satisfaction)
        {
          double x = rng_unit (&d->rng);

          /* roll 3–5: left blank, an incomplete sheet */
          if (roll >= 6)
            set_str (sheet, "choice", x < quality ? "satisfied"
                                      : x < quality + (1 - quality) * 0.7 ? "basic"
                                      : "unsatisfied");
        }
      else
        add_scores (d, sheet, tpl, quality, roll < 6);
      if (roll >= 3 && rng_chance (&d->rng, 12))
        set_str (sheet, "comment", PICK (&d->rng, sheet_comments));
      d->stats.score_sheets++;
      if (!put (d, "eval_sheet", NULL, sheet, error))
        return FALSE;
    }
  return TRUE;
}

/* A round with three to five estates' property companies or owners'
 * committees and anonymous ballots. Last year's is published, with five
 * to nine sheets per target; this year's is being prepared. */
static gboolean
put_round (Demo            *d,
           Community       *c,
           const Template  *tpl,
           guint            year,
           GError         **error)
{
  g_autoptr(JsonObject) obj = NULL;
  guint candidates[MAX_LOCAL], order[MAX_LOCAL];
  const char *target_ids[5];
  guint n_candidates = 0, n_targets, ballot = 0;
  guint8 flag = tpl->satisfaction ? FLAG_OC : FLAG_PC;
  GDate from = make_date (year, 1, 1), to = make_date (year, 12, 31);
  GDate published = make_date (year + 1, 1, rng_range (&d->rng, 10, 25));
  const char *round_id;

  for (guint i = 0; i < c->estates->len; i++)
    if (g_array_index (c->estates, Estate, i).flags & flag)
      candidates[n_candidates++] = i;
  n_targets = rng_range (&d->rng, 3, 5);
  n_targets = MIN (n_targets, n_candidates);
  pick_distinct (&d->rng, n_candidates, n_targets, order);

  obj = record_new (d, &round_id);
  set_str (obj, "community_id", c->id);
  set_str (obj, "template_id", tpl->id);
  set_str (obj, "title", keepf (d, tpl->satisfaction ? "%u年度业委会履职满意度测评"
                                                     : "%u年度红色物业考评", year));
  set_date (d, obj, "period_from", &from);
  set_date (d, obj, "period_to", &to);
  set_bool (obj, "anonymous", TRUE);
  if (year < g_date_get_year (&d->today))
    {
      set_str (obj, "state", "published");
      set_date (d, obj, "published_on", earlier (&published, &d->today));
    }
  else
    set_str (obj, "state", "preparing");

  for (guint i = 0; i < n_targets; i++)
    {
      const Estate *e = &g_array_index (c->estates, Estate, candidates[order[i]]);
      JsonObject *target = child_new (d, obj, "eval_target", TRUE, &target_ids[i]);

      if (tpl->satisfaction)
        set_str (target, "name", keepf (d, "%s业主委员会", e->name));
      else
        set_str (target, "name", keepf (d, "%s（%s）", e->name, e->company->name));
      set_str (target, "ref_id", e->id);
      set_int (target, "position", i + 1);
    }
  if (!put (d, "eval_round", NULL, obj, error))
    return FALSE;

  for (guint i = 0; i < n_targets && year < g_date_get_year (&d->today); i++)
    if (!put_sheets (d, round_id, target_ids[i], tpl, &ballot, error))
      return FALSE;
  return TRUE;
}

static gboolean
put_evaluation (Demo       *d,
                Community  *c,
                GError    **error)
{
  Template score = { 0 }, satisfaction = { 0 };
  guint year = g_date_get_year (&d->today);

  return put_templates (d, c, &score, &satisfaction, error) &&
         put_round (d, c, &score, year - 1, error) &&
         put_round (d, c, &satisfaction, year - 1, error) &&
         put_round (d, c, &score, year, error) &&
         put_round (d, c, &satisfaction, year, error);
}

/* Putting it together
 */

static gboolean
put_community_all (Demo       *d,
                   guint       index,
                   guint       first_estate,
                   guint       first_unit,
                   GError    **error)
{
  Community c = { 0 };
  gboolean ok;

  rng_init (&d->rng, d->seed, 1000 + (guint64) index);
  d->community = index;
  d->next_id = 0;
  c.index = index;
  c.n_estates = d->estates_per[index];
  c.n_pairs = d->pairs_per[index];
  c.n_grids = d->grids_per[index];
  c.n_units = d->units_per[index];
  c.first_estate = first_estate;
  c.first_unit = first_unit;
  c.members = g_array_new (FALSE, TRUE, sizeof (Participant));
  c.estates = g_array_new (FALSE, TRUE, sizeof (Estate));
  c.branches = g_array_new (FALSE, TRUE, sizeof (Branch));
  c.units = g_array_new (FALSE, TRUE, sizeof (Unit));

  ok = put_community (d, &c, error) &&
       put_committee (d, &c, error);
  if (ok)
    plan_estates (d, &c);
  ok = ok &&
       put_branches (d, &c, error) &&
       put_estates (d, &c, error) &&
       put_branch_people (d, &c, error) &&
       put_grids (d, &c, error) &&
       put_units (d, &c, error) &&
       put_meetings (d, &c, error) &&
       put_problems (d, &c, error) &&
       put_evaluation (d, &c, error);

  g_array_unref (c.members);
  g_array_unref (c.estates);
  g_array_unref (c.branches);
  g_array_unref (c.units);
  g_hash_table_remove_all (d->used);
  g_string_chunk_clear (d->chunk);
  return ok;
}

static Demo *
demo_new (JlStore *store,
          guint    scale,
          guint32  seed)
{
  Demo *d = g_new0 (Demo, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  d->store = store;
  d->seed = seed;
  d->scale = scale;
  g_date_clear (&d->today, 1);
  g_date_set_dmy (&d->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  d->chunk = g_string_chunk_new (64 * 1024);
  d->city_chunk = g_string_chunk_new (4 * 1024);
  d->used = g_hash_table_new (g_str_hash, g_str_equal);
  d->community_names = g_hash_table_new (g_str_hash, g_str_equal);
  return d;
}

/* The first id a run with this seed and scale makes: if it is there, the
 * demo data is already in the store. */
static gboolean
already_generated (Demo *d)
{
  g_autofree char *name = g_strdup_printf ("jinlin-demo/%u/%u/0/0", d->seed, d->scale);
  g_autofree char *id = jl_uuid_v5_new (JL_UUID_NAMESPACE, name);
  g_autoptr(JlRecord) record = jl_store_get (d->store, "community", id, NULL);

  return record != NULL;
}

/**
 * jl_demo_generate:
 * @store: the store to fill
 * @scale: how many times the seed report's city, at least 1
 * @seed: the random seed; the same seed gives the same data
 * @stats: (out caller-allocates) (optional): what was written
 * @error: return location for a #GError
 *
 * Fills @store with a city of @scale × the seed report's figures, in one
 * transaction: on error nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
jl_demo_generate (JlStore      *store,
                  guint         scale,
                  guint32       seed,
                  JlDemoStats  *stats,
                  GError      **error)
{
  g_autoptr(Demo) d = NULL;
  guint first_estate = 0, first_unit = 0;

  g_return_val_if_fail (JL_IS_STORE (store), FALSE);
  g_return_val_if_fail (scale >= 1 && scale <= 1000, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  d = demo_new (store, scale, seed);
  if (already_generated (d))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_FAILED,
                   "This database already holds the demo data of seed %u at scale %u", seed, scale);
      return FALSE;
    }
  plan_draw (d);

  if (!jl_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < N_COMMUNITIES * scale; i++)
    {
      if (!put_community_all (d, i, first_estate, first_unit, error))
        {
          jl_store_rollback (store);
          return FALSE;
        }
      first_estate += d->estates_per[i];
      first_unit += d->units_per[i];
    }
  /* An invented city must never reach a sync server. */
  if (!_jl_store_mark_demo (store, error))
    {
      jl_store_rollback (store);
      return FALSE;
    }
  if (!jl_store_commit (store, error))
    return FALSE;

  if (stats != NULL)
    *stats = d->stats;
  return TRUE;
}
