using System.Diagnostics;
using CsCheck;

namespace VoiceGrains.Testing;

/// <summary>
/// Fuzzing with CsCheck (random generation with shrinking: a failing input is reduced to a small one before it is
/// reported): each target gets <see cref="Inputs"/> inputs (VOICEGRAINS_FUZZ_INPUTS, 100,000 by default), every one must
/// be handled (no exception but the ones the parser documents) within <see cref="Hang"/>. Regular expressions time out
/// at the same second in these test processes (REGEX_DEFAULT_MATCH_TIMEOUT), so a catastrophic backtrack fails the
/// run instead of hanging it.
/// </summary>
public static class Fuzzing
{
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(1);

    public static long Inputs =>
        long.TryParse(Environment.GetEnvironmentVariable("VOICEGRAINS_FUZZ_INPUTS"), out var inputs) && inputs > 0 ? inputs : 100_000;

    /// <summary>Call once, before any regular expression is built, from the fuzzing assembly's module initializer.</summary>
    public static void TimeOutRegularExpressions() => AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", Hang);

    /// <summary>Runs the target over the inputs; the summary line ("N inputs, slowest X ms") for the report.</summary>
    public static async Task<string> RunAsync<T>(Gen<T> inputs, Func<T, Task> target, Func<T, string>? print = null)
    {
        long count = 0;
        long slowest = 0;
        var watch = Stopwatch.StartNew();
        await inputs.SampleAsync(async input =>
        {
            var started = Stopwatch.GetTimestamp();
            await target(input);
            var took = Stopwatch.GetElapsedTime(started);
            Interlocked.Increment(ref count);
            InterlockedMax(ref slowest, took.Ticks);
            if (took > Hang)
            {
                throw new TimeoutException($"one input took {took.TotalMilliseconds:0} ms (more than {Hang.TotalMilliseconds:0} ms)");
            }
        }, iter: Inputs, print: print);
        return $"{count:N0} inputs, 0 unhandled exceptions, 0 over {Hang.TotalSeconds:0} s, slowest {TimeSpan.FromTicks(slowest).TotalMilliseconds:0.0} ms, {watch.Elapsed.TotalSeconds:0.0} s in all";
    }

    public static Task<string> RunAsync<T>(Gen<T> inputs, Action<T> target, Func<T, string>? print = null) =>
        RunAsync(inputs, input => { target(input); return Task.CompletedTask; }, print);

    /// <summary>Real samples with a few random edits each (bytes changed, inserted, removed; the tail cut), and pure noise.</summary>
    public static Gen<byte[]> Mutations(IReadOnlyList<byte[]> samples) => Gen.Frequency(
        (4, Gen.Select(Gen.Int[0, samples.Count - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 8],
            (sample, edits) => Edit(samples[sample], edits))),
        (1, Gen.Byte.Array[0, 2048]));

    static byte[] Edit(byte[] sample, (int Kind, int At, byte Value)[] edits)
    {
        var bytes = new List<byte>(sample);
        foreach (var (kind, at, value) in edits)
        {
            var position = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[position] = value;
                    break;
                case 1:
                    bytes.Insert(position, value);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(position);
                    break;
                case 3:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
            }
        }
        return [.. bytes];
    }

    static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
