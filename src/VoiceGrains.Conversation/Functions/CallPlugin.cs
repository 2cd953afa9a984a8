using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Conversation.Functions;

/// <summary>The call itself: hand over to a person, hang up, record how satisfied the caller was.</summary>
public sealed class CallPlugin(CallerSession session, CallRepository calls)
{
    [KernelFunction(AgentFunctions.Transfer)]
    [Description("Transfers the caller to a human agent. Use when the caller asks for a person or the request is outside what the functions can do.")]
    public object Transfer([Description("Why the caller is transferred, in one sentence, for the human agent")] string reason)
    {
        session.RequestTransfer(string.IsNullOrWhiteSpace(reason) ? "caller asked for a person" : reason.Trim());
        return new TransferStarted(session.TransferReason!);
    }

    [KernelFunction(AgentFunctions.EndCall)]
    [Description("Ends the call after the goodbye has been said.")]
    public object End([Description("Why the call ends")] string reason)
    {
        session.RequestEnd(string.IsNullOrWhiteSpace(reason) ? "conversation finished" : reason.Trim());
        return new CallEnding(session.EndReason!);
    }

    [KernelFunction(AgentFunctions.RecordSatisfaction)]
    [Description("Records the caller's satisfaction rating for this call, from 1 (poor) to 5 (excellent).")]
    public async Task<object> RecordSatisfactionAsync([Description("The rating, 1 to 5")] int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 5)
        {
            return new Refusal("The rating needs to be a number from one to five.");
        }
        await calls.RecordCsatAsync(session.CallSid, rating, cancellationToken);
        session.RecordSatisfaction(rating);
        return new SatisfactionRecorded(rating);
    }
}
