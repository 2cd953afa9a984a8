using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VoiceGrains.Simulator;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// How many whole calls this machine carries: set-up B with recognition's compute in the loop (the scripted recognizer
/// runs Whisper's stub on every utterance; or, to see the rest of the pipeline's capacity, without), rounds of 1, 2, 4,
/// 6, 8… simultaneous example calls up to <c>maxCalls</c>, or until the callers' voice-to-voice p95 passes
/// <see cref="GiveUpP95Ms"/>; it reports the most calls within <see cref="TargetP95Ms"/>. For each round: the callers' and the
/// server's latencies, the product's CPU (silo + front end, from the OS) per call-minute, its memory per call (peak
/// resident set during the round above the one before it, sampled every 250 ms), and the rest of the machine's CPU
/// (the simulated callers, PostgreSQL, the console) apart, from /proc/stat. Scaled out (more silos, front ends behind a
/// load balancer) it also shows how the product's CPU spread over its processes.
/// </summary>
static partial class CapacityBenchmark
{
    const double TargetP95Ms = 1000;

    /// <summary>Past this the machine is overloaded, and more calls only take longer to show it.</summary>
    const double GiveUpP95Ms = 5000;

    /// <summary>What the product is, for its cost: the silos and the front ends (the console serves operators, not calls).</summary>
    static bool IsProduct(string role) => role.StartsWith("silo", StringComparison.Ordinal) || role.StartsWith("front end", StringComparison.Ordinal);

    /// <param name="recognitionCost">Whether the scripted recognizer pays Whisper's compute (the stub) on each utterance.</param>
    public static async Task RunAsync(int maxCalls, bool recognitionCost, int silos = 1, int frontEnds = 1)
    {
        Console.WriteLine(recognitionCost ? "With recognition's compute (Whisper stub on every utterance):" : "Without it (the scripted recognizer answers at once):");
        Console.WriteLine($"{silos} silo(s), {frontEnds} front end(s){(frontEnds > 1 ? " behind a YARP load balancer" : "")}");
        await using var system = await ScriptedSystem.StartAsync(recognitionCost, silos, frontEnds);
        var roles = system.ProcessIds.Keys.Where(IsProduct).ToList();
        var product = roles.Select(role => Process.GetProcessById(system.ProcessIds[role])).ToList();
        await system.CallAsync(1, "warm-up");
        Console.WriteLine("| calls | caller voice-to-voice p50 / p95 ms | server-stored p50 / p95 ms | product CPU-s per call-minute | product CPU, % of the machine | rest of the machine, % | product memory per call, MiB |"
            + (product.Count > 2 ? " product CPU by process, % of one core |" : ""));
        Console.WriteLine("|---|---|---|---|---|---|---|" + (product.Count > 2 ? "---|" : ""));
        var withinTarget = true;
        var carried = 0;
        foreach (var calls in Levels(maxCalls))
        {
            var residentBefore = Resident(product);
            var cpuBefore = Cpu(product);
            var eachBefore = product.Select(ProcessCpu.Used).ToList();
            var machineBefore = MachineTicks();
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            using var sampling = new CancellationTokenSource();
            var peak = SamplePeakAsync(product, sampling.Token);
            var summary = await system.CallAsync(calls, $"{calls} call(s)");
            await sampling.CancelAsync();
            var residentPeak = await peak;
            var elapsed = clock.Elapsed;
            var productCpu = Cpu(product) - cpuBefore;
            var each = product.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{roles[i]} {(ProcessCpu.Used(p) - eachBefore[i]).TotalSeconds / elapsed.TotalSeconds * 100:0}"));
            var (busy, total) = MachineTicks() - machineBefore;
            var callMinutes = await system.CallMinutesAsync(started);
            var (voiceToVoice, _) = await system.StoredLatenciesAsync(started);
            var caller = CallerLatencies().Match(summary);
            var productShare = productCpu.TotalSeconds / (elapsed.TotalSeconds * Environment.ProcessorCount) * 100;
            var machineShare = total == 0 ? 0 : (double)busy / total * 100;
            var byProcess = product.Count > 2 ? $" {string.Join(", ", each)} |" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {calls} | {caller.Groups[1].Value} / {caller.Groups[2].Value} | {Percentiles.Of(voiceToVoice, 50):0} / {Percentiles.Of(voiceToVoice, 95):0} | " +
                $"{productCpu.TotalSeconds / callMinutes:0.0} | {productShare:0} | {machineShare - productShare:0} | {(residentPeak - residentBefore) / (1024.0 * 1024) / calls:0.0} |{byProcess}"));
            if (!caller.Success)
            {
                break;
            }
            var p95 = double.Parse(caller.Groups[2].Value, CultureInfo.InvariantCulture);
            withinTarget &= p95 <= TargetP95Ms;
            if (withinTarget)
            {
                carried = calls;
            }
            if (p95 > GiveUpP95Ms)
            {
                break;
            }
        }
        product.ForEach(p => p.Dispose());
        Console.WriteLine($"Most simultaneous calls with the callers' voice-to-voice p95 within {TargetP95Ms} ms: {carried}");
    }

    static IEnumerable<int> Levels(int maxCalls)
    {
        for (var calls = 1; calls <= maxCalls; calls = calls < 2 ? calls + 1 : calls + 2)
        {
            yield return calls;
        }
    }

    [GeneratedRegex(@"voice-to-voice p50 (\d+) ms, p95 (\d+) ms")]
    private static partial Regex CallerLatencies();

    static TimeSpan Cpu(List<Process> processes) => processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + ProcessCpu.Used(p));

    static long Resident(List<Process> processes) => processes.Sum(p => { p.Refresh(); return p.WorkingSet64; });

    static async Task<long> SamplePeakAsync(List<Process> processes, CancellationToken cancellationToken)
    {
        var peak = Resident(processes);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                peak = Math.Max(peak, Resident(processes));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return peak;
    }

    /// <summary>The machine's busy and total CPU ticks so far, from the first line of /proc/stat (Linux).</summary>
    static Ticks MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();     // user nice system idle iowait irq softirq steal
        return new Ticks(total - fields[3] - fields[4], total);
    }

    readonly record struct Ticks(long Busy, long Total)
    {
        public static Ticks operator -(Ticks a, Ticks b) => new(a.Busy - b.Busy, a.Total - b.Total);
    }
}
