using VoiceGrains.Speech.Models;

namespace VoiceGrains.Cli.Models;

/// <summary>A one-line progress display for a model transfer, redrawn in place on a terminal, silent otherwise.</summary>
sealed class ConsoleProgress(ModelEntry model) : IProgress<FetchProgress>
{
    int lastPercent = -1;

    public void Report(FetchProgress value)
    {
        var percent = (int)(value.BytesDone * 100 / Math.Max(1, model.Bytes));
        if (percent == lastPercent || Console.IsErrorRedirected)
        {
            return;
        }
        lastPercent = percent;
        Console.Error.Write($"\r{model.File}: {percent,3}% of {model.Bytes / 1e6:0.0} MB");
    }

    public void Done()
    {
        if (lastPercent >= 0)
        {
            Console.Error.WriteLine();
        }
    }
}
