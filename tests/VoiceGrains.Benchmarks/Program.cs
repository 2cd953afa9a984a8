using System.Globalization;
using VoiceGrains.Benchmarks;

// dotnet run --project tests/VoiceGrains.Benchmarks -- cluster [runs] [calls]
// dotnet run --project tests/VoiceGrains.Benchmarks -- agent [calls] [concurrency]
// dotnet run --project tests/VoiceGrains.Benchmarks -- barge-in [runs]
// dotnet run --project tests/VoiceGrains.Benchmarks -- live-calls [calls] [rounds]
// dotnet run --project tests/VoiceGrains.Benchmarks -- flood [rounds] [webhooks per second] [media sockets]
// dotnet run --project tests/VoiceGrains.Benchmarks -- console-queries [calls] [runs]
// dotnet run --project tests/VoiceGrains.Benchmarks -- live-view [calls]
// dotnet run --project tests/VoiceGrains.Benchmarks -- listen-in [calls] [listened]
// dotnet run --project tests/VoiceGrains.Benchmarks -- end-of-turn
// dotnet run --project tests/VoiceGrains.Benchmarks -- echo [sentences]
// dotnet run --project tests/VoiceGrains.Benchmarks -- idle [seconds]
// dotnet run --project tests/VoiceGrains.Benchmarks -- capacity [max calls] [no-recognition-cost]
// dotnet run --project tests/VoiceGrains.Benchmarks -- scale-out [max calls] [silos] [front ends]
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (args)
{
    case ["cluster", ..]:
        await ClusterFailoverBenchmark.RunAsync(Arg(1, 5), Arg(2, 40));
        return 0;
    case ["barge-in", ..]:
        await BargeInBenchmark.RunAsync(Arg(1, 20));
        return 0;
    case ["live-calls", ..]:
        await LiveCallBenchmark.RunAsync(Arg(1, 8), Arg(2, 2));
        return 0;
    case ["flood", ..]:
        await FloodBenchmark.RunAsync(Arg(1, 3), Arg(2, 500), Arg(3, 1000));
        return 0;
    case ["console-queries", ..]:
        await ConsoleQueryBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 5));
        return 0;
    case ["live-view", ..]:
        await LiveViewBenchmark.RunAsync(Arg(1, 50));
        return 0;
    case ["listen-in", ..]:
        await ListenInBenchmark.RunAsync(Arg(1, 50), Arg(2, 5));
        return 0;
    case ["end-of-turn", ..]:
        EndOfTurnBenchmark.Run();
        return 0;
    case ["echo", ..]:
        EchoBenchmark.Run(Arg(1, 50));
        return 0;
    case ["capacity", ..]:
        await CapacityBenchmark.RunAsync(Arg(1, 16), recognitionCost: args is not [_, _, "no-recognition-cost"]);
        return 0;
    case ["scale-out", ..]:
        await CapacityBenchmark.RunAsync(Arg(1, 16), recognitionCost: true, silos: Arg(2, 3), frontEnds: Arg(3, 2));
        return 0;
    case ["idle", ..]:
        await IdleCostBenchmark.RunAsync(Arg(1, 60));
        return 0;
    case ["agent", ..]:
        await AgentBenchmark.RunAsync(Arg(1, 20), Arg(2, 8));
        return 0;
    default:
        Console.Error.WriteLine("usage: VoiceGrains.Benchmarks cluster [runs=5] [calls=40] | agent [calls=20] [concurrency=8] | barge-in [runs=20] | live-calls [calls=8] [rounds=2] | flood [rounds=3] [webhooks/s=500] [sockets=1000] | console-queries [calls=100000] [runs=5] | live-view [calls=50] | listen-in [calls=50] [listened=5] | end-of-turn | echo [sentences=50] | idle [seconds=60] | capacity [max calls=16] [no-recognition-cost] | scale-out [max calls=16] [silos=3] [front ends=2]");
        return 2;
}
