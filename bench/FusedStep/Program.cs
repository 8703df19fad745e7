using System.Diagnostics;
using Runner.Models.Optimizers;
using static TorchSharp.torch;

// One fused step of K MLPs 784-100-10 at batch 32, variants side by side in one process (interleaved
// rounds, median per variant), so a loaded machine distorts them alike. Usage: FusedStep [groups] [rounds]
// groups: slices per shared batch, e.g. "6,3" (9 slices: one seed of 6 runs, one of 3).
var groups = (args.Length > 0 ? args[0] : "6,3").Split(',').Select(int.Parse).ToArray();
int rounds = args.Length > 1 ? int.Parse(args[1]) : 7, stepsPerRound = 300;
set_num_threads(1);
if (args.Length > 2 && args[2] == "check")
{
    // Does a slice's product depend on how many slices share its multiply (bitwise)?
    manual_seed(3);
    var w = randn(18 * 100, 784);
    var xt = rand(784, 32);
    var alone = w.narrow(0, 0, 100).mm(xt);
    foreach (int rows in new[] { 200, 300, 600, 900, 1800 })
    {
        var part = w.narrow(0, 0, rows).mm(xt).narrow(0, 0, 100);
        var last = w.narrow(0, 0, rows).mm(xt).narrow(0, rows - 100, 100);
        var lastAlone = w.narrow(0, rows - 100, 100).mm(xt);
        Console.WriteLine($"{rows} rows: first slice bitwise {part.eq(alone).all().item<bool>()}, last slice bitwise {last.eq(lastAlone).all().item<bool>()}, max diff {(part - alone).abs().max().item<float>()}");
    }
    var b = w.view(18, 100, 784).bmm(xt.unsqueeze(0).expand(18, 784, 32));
    Console.WriteLine($"bmm vs mm bitwise {b[0].eq(alone).all().item<bool>()}");
    var dz = randn(18 * 100, 32);
    var x32 = xt.t().contiguous();
    var gAlone = dz.narrow(0, 0, 100).mm(x32);
    foreach (int rows in new[] { 300, 600, 900 })
        Console.WriteLine($"grad {rows} rows: bitwise {dz.narrow(0, 0, rows).mm(x32).narrow(0, 0, 100).eq(gAlone).all().item<bool>()}");
    return;
}
int k = groups.Sum(), batch = 32, inputs = 784, units = 100, classes = 10;
long n = 48_000;
manual_seed(1);
var x = rand(n, inputs);
var y = randint(classes, [n], dtype: ScalarType.Int64);
var w1 = (randn(k, units, inputs) * 0.05).requires_grad_(true);
var b1 = zeros(k, units, 1).requires_grad_(true);
var w2 = (randn(k, classes, units) * 0.1).requires_grad_(true);
var b2 = zeros(k, classes, 1).requires_grad_(true);
foreach (var p in new[] { w1, b1, w2, b2 }) p.grad = zeros_like(p);
var adam = new[] { w1, b1, w2, b2 }.Select(p => new[] { zeros_like(p), zeros_like(p) }).ToArray();
// One shuffle order per group, each slice of the group with its group's order (today: gathered per slice).
var groupOrders = groups.Select(_ => randperm(n)).ToArray();
var sliceOrders = stack(groups.SelectMany((g, i) => Enumerable.Repeat(groupOrders[i], g)).ToArray());
var groupOrderStack = stack(groupOrders);
long step = 0;
int segments = 1, blocks = 1;
bool cached = false;
var streams = new Dictionary<(int, int), nint[][]>();
var pieces = new Dictionary<string, List<double>>();

void Time(string name, Stopwatch clock)
{
    if (!pieces.TryGetValue(name, out var list)) pieces[name] = list = [];
    list.Add(clock.Elapsed.TotalMilliseconds);
}

void ZeroGrads() { foreach (var p in new[] { w1, b1, w2, b2 }) p.grad!.zero_(); }

void Optimize()
{
    step++;
    using var _ = no_grad();
    var c = Enumerable.Range(0, k).Select(_ => AdamRule.Coefficients(1e-3, 0.9, 0.999, 1e-7, 0, step)).ToArray();
    var ps = new[] { w1, b1, w2, b2 };
    for (int i = 0; i < ps.Length; i++)
    {
        if (blocks > 1 && cached)
        {
            // As StackedOptimizer steps: each block's memory found once, no native call per block.
            long perSlice = ps[i].numel() / k;
            if (!streams.TryGetValue((i, blocks), out var found))
            {
                found = new nint[blocks][];
                using var g0 = ps[i].grad!;
                for (int b = 0, start = 0; b < blocks; b++)
                {
                    int length = k * (b + 1) / blocks - start;
                    found[b] = AdamRule.Instance.InMemory(ps[i].narrow(0, start, length), g0.narrow(0, start, length),
                        adam[i].Select(t => t.narrow(0, start, length)).ToArray())!;
                    start += length;
                }
                streams[(i, blocks)] = found;
            }
            for (int b = 0, start = 0; b < blocks; b++)
            {
                int length = k * (b + 1) / blocks - start;
                AdamRule.Instance.StepInMemory(found[b], perSlice, c[start..(start + length)]);
                start += length;
            }
            continue;
        }
        if (blocks == 1) { AdamRule.Instance.Step(ps[i], ps[i].grad!, adam[i], c); continue; }
        using var grad = ps[i].grad!;
        for (int b = 0, start = 0; b < blocks; b++)
        {
            int length = k * (b + 1) / blocks - start;
            using var pw = ps[i].narrow(0, start, length);
            using var gw = grad.narrow(0, start, length);
            var st = adam[i].Select(t => t.narrow(0, start, length)).ToArray();
            AdamRule.Instance.Step(pw, gw, st, c[start..(start + length)]);
            foreach (var t in st) t.Dispose();
            start += length;
        }
    }
}

Tensor Activate(Tensor z1)
{
    if (segments == 1) return nn.functional.relu(z1);
    if (segments < 0)
    {
        // Every activation over the whole stack, each slice picking its own.
        var pick = arange(k).remainder(2).eq(0).view(k, 1, 1);
        return where(pick, nn.functional.relu(z1), nn.functional.sigmoid(z1));
    }
    var parts = new Tensor[segments];
    for (int i = 0, start = 0; i < segments; i++)
    {
        int length = k * (i + 1) / segments - start;
        var slice = z1.narrow(0, start, length);
        parts[i] = i % 2 == 0 ? nn.functional.relu(slice) : nn.functional.sigmoid(slice);
        start += length;
    }
    return cat(parts, 0);
}

(Tensor Loss, Tensor Logits) Head(Tensor z1, Tensor yb)
{
    var h = Activate(z1);
    var logits = w2.baddbmm(h, b2).transpose(1, 2);
    var perSlice = nn.functional.cross_entropy(logits.reshape(k * batch, -1), yb, reduction: nn.Reduction.None).view(k, batch).mean([1]);
    return (perSlice, logits);
}

void Read(Tensor perSlice, Tensor logits, Tensor yb)
{
    var losses = perSlice.detach().cpu().data<float>().ToArray();
    var correct = logits.argmax(2).eq(yb.view(k, batch)).sum(1).cpu().data<long>().ToArray();
    GC.KeepAlive(losses); GC.KeepAlive(correct);
}

void ReadOnce(Tensor perSlice, Tensor logits, Tensor yb)
{
    var both = cat([perSlice.detach(), logits.argmax(2).eq(yb.view(k, batch)).sum(1).to(ScalarType.Float32)]).cpu().data<float>().ToArray();
    GC.KeepAlive(both);
}

// Today: every slice's batch gathered, one bmm per layer.
void Today(long start)
{
    using var scope = NewDisposeScope();
    var indices = sliceOrders.narrow(1, start, batch).reshape(-1);
    var xb = x.index_select(0, indices).reshape(k, batch, inputs);
    var yb = y.index_select(0, indices);
    ZeroGrads();
    var z1 = w1.baddbmm(xb.transpose(1, 2), b1);
    var (loss, logits) = Head(z1, yb);
    loss.sum().backward();
    Optimize();
    Read(loss, logits, yb);
}

// Shared input: one gather per group, the first layer one mm per group over its slices' stacked weights;
// its weight gradient by hand (dZ @ x per group), the rest by autograd.
void Shared(long start, bool readOnce)
{
    using var scope = NewDisposeScope();
    var gi = groupOrderStack.narrow(1, start, batch);          // [G, B]
    var xg = x.index_select(0, gi.reshape(-1)).view(groups.Length, batch, inputs);
    var yg = y.index_select(0, gi.reshape(-1)).view(groups.Length, batch);
    var yb = cat(groups.Select((g, i) => yg[i].unsqueeze(0).expand(g, batch)).ToArray()).reshape(-1);
    ZeroGrads();
    Tensor z1;
    using (no_grad())
    {
        int off = 0;
        var parts = new Tensor[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            var w = w1.narrow(0, off, groups[i]).view(groups[i] * units, inputs);
            parts[i] = w.mm(xg[i].t()).view(groups[i], units, batch);
            off += groups[i];
        }
        z1 = (groups.Length == 1 ? parts[0] : cat(parts, 0)).add_(b1);
    }
    z1.requires_grad_(true);
    var (loss, logits) = Head(z1, yb);
    loss.sum().backward();
    using (no_grad())
    {
        var dz = z1.grad!;
        int off = 0;
        var gw = w1.grad!;
        for (int i = 0; i < groups.Length; i++)
        {
            var target = gw.narrow(0, off, groups[i]).view(groups[i] * units, inputs);
            target.addmm_(dz.narrow(0, off, groups[i]).reshape(groups[i] * units, batch), xg[i], 0, 1);
            off += groups[i];
        }
        b1.grad!.copy_(dz.sum(2, keepdim: true));
    }
    Optimize();
    if (readOnce) ReadOnce(loss, logits, yb); else Read(loss, logits, yb);
}

// Pieces of today's step, each timed alone.
void TodayPieces(long start, Dictionary<string, double> acc)
{
    using var scope = NewDisposeScope();
    var c = Stopwatch.StartNew();
    var indices = sliceOrders.narrow(1, start, batch).reshape(-1);
    var xb = x.index_select(0, indices).reshape(k, batch, inputs);
    var yb = y.index_select(0, indices);
    acc["gather"] += c.Elapsed.TotalMilliseconds; c.Restart();
    ZeroGrads();
    acc["zero"] += c.Elapsed.TotalMilliseconds; c.Restart();
    var z1 = w1.baddbmm(xb.transpose(1, 2), b1);
    var (loss, logits) = Head(z1, yb);
    acc["forward"] += c.Elapsed.TotalMilliseconds; c.Restart();
    loss.sum().backward();
    acc["backward"] += c.Elapsed.TotalMilliseconds; c.Restart();
    Optimize();
    acc["optimizer"] += c.Elapsed.TotalMilliseconds; c.Restart();
    Read(loss, logits, yb);
    acc["read"] += c.Elapsed.TotalMilliseconds;
}

var variants = new (string Name, Action<long> Step)[]
{
    ("today", Today),
    ("shared", s => Shared(s, false)),
    ("shared+read once", s => Shared(s, true)),
    ("  + 2 act segments", s => { segments = 2; Shared(s, true); segments = 1; }),
    ("  + 9 act segments", s => { segments = 9; Shared(s, true); segments = 1; }),
    ("  + 2 acts by where", s => { segments = -1; Shared(s, true); segments = 1; }),
    ("  + 3 opt blocks", s => { blocks = 3; Shared(s, true); blocks = 1; }),
    ("  + 9 opt blocks", s => { blocks = 9; Shared(s, true); blocks = 1; }),
    ("  + 9 opt blocks found once", s => { blocks = 9; cached = true; Shared(s, true); blocks = 1; cached = false; }),
};
for (int r = 0; r < rounds; r++)
{
    foreach (var (name, run) in variants)
    {
        for (int i = 0; i < 20; i++) run(i * batch);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < stepsPerRound; i++) run(i * batch);
        Time(name, clock);
    }
    var acc = new Dictionary<string, double> { ["gather"] = 0, ["zero"] = 0, ["forward"] = 0, ["backward"] = 0, ["optimizer"] = 0, ["read"] = 0 };
    for (int i = 0; i < stepsPerRound; i++) TodayPieces(i * batch, acc);
    foreach (var (piece, ms) in acc)
    {
        if (!pieces.TryGetValue("today: " + piece, out var list)) pieces["today: " + piece] = list = [];
        list.Add(ms);
    }
}
double Median(List<double> v) { var s = v.Order().ToList(); return s[s.Count / 2]; }
double baseline = Median(pieces["today"]);
Console.WriteLine($"K={k} groups={string.Join(",", groups)} batch={batch}, 1 thread, {rounds} rounds of {stepsPerRound} steps, median");
foreach (var (name, times) in pieces)
{
    double perStep = Median(times) / stepsPerRound * 1000;
    Console.WriteLine($"{name,-30} {perStep,8:F1} us/step  {Median(times) / baseline,5:F2}x today's time  {k * batch / perStep * 1e6 / 1000,7:F1}k samples/s");
}
