using System.Globalization;
using VoiceGrains.Benchmarks;

// dotnet run --project tests/VoiceGrains.Benchmarks -- cluster [runs] [calls]
if (args is not ["cluster", ..])
{
    Console.Error.WriteLine("usage: VoiceGrains.Benchmarks cluster [runs=5] [calls=40]");
    return 2;
}

var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
await ClusterFailoverBenchmark.RunAsync(runs, calls);
return 0;
