namespace VoiceGrains.Data.Analytics;

/// <summary>How often the agent called a function, how often it succeeded, and how long it took on average.</summary>
public sealed record FunctionFigures(string Name, long Calls, long Succeeded, double AverageMs)
{
    public double SuccessRate => Calls == 0 ? 0 : (double)Succeeded / Calls;
}
