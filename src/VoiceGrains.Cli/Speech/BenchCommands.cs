using System.CommandLine;

namespace VoiceGrains.Cli.Speech;

/// <summary><c>voicegrains bench …</c>: measurements whose figures are recorded in BENCHMARKS.md.</summary>
public static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speech engines on this machine (figures for BENCHMARKS.md)");
        bench.Subcommands.Add(BenchSpeechCommand.Create());
        return bench;
    }
}
