using System.Diagnostics;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// What the product costs with no calls at all: set-up B's silo, front end and console left alone, each process's CPU
/// time (user + system, from the OS) over a quiet period after start-up has settled, as a share of one core. A cost
/// that follows the calls is near zero here.
/// </summary>
static class IdleCostBenchmark
{
    /// <summary>Start-up work (JIT, the voice's fixed phrases, the first membership and stream-balancing rounds) done.</summary>
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(int seconds)
    {
        await using var system = await ScriptedSystem.StartAsync(recognitionCost: false);
        await Task.Delay(Settle);
        var processes = system.ProcessIds.ToDictionary(p => p.Key, p => Process.GetProcessById(p.Value));
        var before = processes.ToDictionary(p => p.Key, p => ProcessCpu.Used(p.Value));
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var elapsed = clock.Elapsed;
        Console.WriteLine($"Idle for {elapsed.TotalSeconds:0} s, no calls ({Environment.ProcessorCount} cores):");
        foreach (var (role, process) in processes)
        {
            var used = ProcessCpu.Used(process) - before[role];
            Console.WriteLine($"  {role,-10} {used.TotalMilliseconds / elapsed.TotalMilliseconds * 100,5:0.0} % of a core ({used.TotalSeconds:0.00} CPU-s)");
            process.Dispose();
        }
    }
}
