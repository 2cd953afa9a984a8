using System.Globalization;
using System.Text;
using System.Text.Json;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation.Functions;

namespace VoiceGrains.Conversation;

/// <summary>
/// The offline summary of a call, built from what happened rather than from the words: who was identified,
/// what the caller wanted (their turns' intents), and what the functions actually did. Also the overall sentiment,
/// where the caller's last turns weigh more than the first (how a call ends is what a customer remembers).
/// </summary>
public static class CallSummary
{
    static readonly Dictionary<string, string> Done = new()
    {
        [AgentFunctions.ToolName(AgentFunctions.Orders, AgentFunctions.CancelOrder)] = "cancelled an order",
        [AgentFunctions.ToolName(AgentFunctions.Orders, AgentFunctions.StartReturn)] = "started a return",
        [AgentFunctions.ToolName(AgentFunctions.Orders, AgentFunctions.ChangeShippingAddress)] = "changed an order's shipping address",
        [AgentFunctions.ToolName(AgentFunctions.Orders, AgentFunctions.GetOrder)] = "looked up an order",
        [AgentFunctions.ToolName(AgentFunctions.Appointments, AgentFunctions.Book)] = "booked an appointment",
        [AgentFunctions.ToolName(AgentFunctions.Appointments, AgentFunctions.Reschedule)] = "rescheduled an appointment",
        [AgentFunctions.ToolName(AgentFunctions.Appointments, AgentFunctions.CancelAppointment)] = "cancelled an appointment",
        [AgentFunctions.ToolName(AgentFunctions.Customer, AgentFunctions.UpdateEmail)] = "updated the email address",
        [AgentFunctions.ToolName(AgentFunctions.Customer, AgentFunctions.UpdateAddress)] = "updated the postal address",
        [AgentFunctions.ToolName(AgentFunctions.Customer, AgentFunctions.AddNote)] = "added a note",
        [AgentFunctions.ToolName(AgentFunctions.Customer, AgentFunctions.RequestCallback)] = "scheduled a callback",
        [AgentFunctions.ToolName(AgentFunctions.CallControl, AgentFunctions.RecordSatisfaction)] = "recorded a satisfaction rating",
    };

    public static float Sentiment(IReadOnlyList<AgentReply> replies)
    {
        if (replies.Count == 0)
        {
            return 0;
        }
        float total = 0, weights = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var weight = 1f + i / (float)replies.Count;
            total += replies[i].CallerUnderstanding.Sentiment * weight;
            weights += weight;
        }
        return Math.Clamp(total / weights, -1f, 1f);
    }

    public static string Describe(CallerSession session, IReadOnlyList<AgentReply> replies, CallOutcome outcome)
    {
        var text = new StringBuilder();
        text.Append(session.CustomerId is null
            ? "The caller was not identified. "
            : $"The caller{(session.CustomerFirstName is null ? "" : $", {session.CustomerFirstName},")} was identified as customer {session.CustomerId}. ");

        var wanted = replies.Select(r => r.CallerUnderstanding.Intent)
            .Where(i => i is not ("unknown" or "greeting" or "thanks" or "goodbye" or "yes" or "no" or "repeat"))
            .Distinct().Select(i => i.Replace('_', ' ')).ToList();
        text.Append(wanted.Count == 0 ? "No request was recognised. " : $"They asked about: {string.Join(", ", wanted)}. ");

        var outcomes = session.FunctionCalls.Where(c => c.Success && Done.ContainsKey(c.Name))
            .Select(c => Done[c.Name] + Detail(c)).Distinct().ToList();
        text.Append(outcomes.Count == 0 ? "Nothing was changed. " : $"The agent {string.Join("; ", outcomes)}. ");
        var refused = session.FunctionCalls.Count(c => !c.Success && !c.Name.StartsWith(AgentFunctions.Customer + "_identify", StringComparison.Ordinal));
        if (refused > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{refused} request(s) were refused or failed. ");
        }
        if (session.TransferReason is { } reason)
        {
            text.Append(outcome == CallOutcome.Transferred
                ? $"The call was transferred to a person: {reason} "
                : $"The caller was to be transferred to a person ({reason.TrimEnd('.')}), but the transfer failed. ");
        }
        if (session.SatisfactionRating is { } rating)
        {
            text.Append(CultureInfo.InvariantCulture, $"Rated {rating} of 5.");
        }
        return text.ToString().Trim();
    }

    static string Detail(FunctionCallRecord call)
    {
        using var arguments = JsonDocument.Parse(call.ArgumentsJson);
        return arguments.RootElement.TryGetProperty("orderNumber", out var order) ? $" ({order})"
            : arguments.RootElement.TryGetProperty("rating", out var rating) ? $" ({rating})"
            : "";
    }
}
