using System.Text.Json;

namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// The one spelling of a <see cref="CallOutcome"/> outside .NET: snake case ("no_answer", "transfer_failed"), as the
/// calls table, the operator views and the REST API show it.
/// </summary>
public static class CallOutcomeNames
{
    public static string Name(this CallOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    /// <summary>The outcome a stored name stands for; null for a name no outcome has (an older spelling).</summary>
    public static CallOutcome? Parse(string? name) =>
        Enum.GetValues<CallOutcome>().Select(o => (CallOutcome?)o).FirstOrDefault(o => o!.Value.Name() == name);
}
