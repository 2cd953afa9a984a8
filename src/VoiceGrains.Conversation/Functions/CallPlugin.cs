using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Functions;

/// <summary>The call itself: hand over to a person, hang up, take the number off the calling lists, record how satisfied the caller was.</summary>
public sealed class CallPlugin(CallerSession session, CallRepository calls, DoNotCallRepository doNotCall, LeadRepository leads)
{
    [KernelFunction(AgentFunctions.Transfer)]
    [Description("Transfers the caller to a human agent (a hot lead: to the sales team). Use when the caller asks for a person or the request is outside what the functions can do.")]
    public async Task<object> TransferAsync([Description("Why the caller is transferred, in one sentence, for the human agent")] string reason, CancellationToken cancellationToken)
    {
        // Where the call goes is decided here, from the call's own qualification, not by what the model asks for.
        var toSales = session.LeadGrade == LeadGrade.Hot;
        session.RequestTransfer(string.IsNullOrWhiteSpace(reason) ? "caller asked for a person" : reason.Trim(), toSales);
        if (toSales)
        {
            await leads.RecordNextStepAsync(session.CallingNumber, LeadNextStep.TransferredToSales, null, cancellationToken);
        }
        return new TransferStarted(session.TransferReason!);
    }

    [KernelFunction(AgentFunctions.EndCall)]
    [Description("Ends the call after the goodbye has been said.")]
    public object End([Description("Why the call ends")] string reason)
    {
        session.RequestEnd(string.IsNullOrWhiteSpace(reason) ? "conversation finished" : reason.Trim());
        return new CallEnding(session.EndReason!);
    }

    [KernelFunction(AgentFunctions.DoNotCall)]
    [Description("Puts the caller's number on the business's do-not-call list, when they ask not to be called again; say a short apology and goodbye after it, and the call ends.")]
    public async Task<object> DoNotCallAsync(CancellationToken cancellationToken)
    {
        // The number the call is with, never one the caller says: nobody can opt someone else out from their phone.
        var added = PhoneNumber.IsE164(session.CallingNumber) && await doNotCall.AddAsync(session.CallingNumber, DoNotCallSource.Callee, cancellationToken);
        session.RequestEnd("asked not to be called again");
        return new OnDoNotCallList(added);
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
