using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation;

/// <summary>
/// Who the agent is talking to and what the call has asked for. This is the authorization state: the functions
/// act only for <see cref="CustomerId"/>, which only an identification function sets, and it never changes to
/// another customer within one call; changes need <see cref="MayChange"/>, two factors. Nothing a caller says can set them.
/// </summary>
public sealed class CallerSession(string callSid, string callingNumber)
{
    /// <summary>Wrong name/ZIP or email answers allowed before identification is refused for the rest of the call.</summary>
    public const int MaxIdentificationFailures = 3;

    readonly List<FunctionCallRecord> functionCalls = [];

    public string CallSid { get; } = callSid;

    public string CallingNumber { get; } = callingNumber;

    public long? CustomerId { get; private set; }

    public string? CustomerFirstName { get; private set; }

    /// <summary>What has verified <see cref="CustomerId"/> on this call.</summary>
    public IdentityFactors Factors { get; private set; }

    /// <summary>Two factors verified the caller, so their records may be changed, not only read.</summary>
    public bool MayChange => System.Numerics.BitOperations.PopCount((uint)Factors) >= 2;

    /// <summary>The code texted to the customer's phone on this call, when one was.</summary>
    public TextedCode? TextedCode { get; set; }

    public int IdentificationFailures { get; private set; }

    /// <summary>The caller turn being answered; function calls are filed under it.</summary>
    public int? TurnSeq { get; set; }

    /// <summary>Set when the agent hands the call to a person: why.</summary>
    public string? TransferReason { get; private set; }

    /// <summary>Set when the agent ends the call: why.</summary>
    public string? EndReason { get; private set; }

    /// <summary>Why we called, on a call we placed; the agent opens with it.</summary>
    public string? Purpose { get; init; }

    public int? SatisfactionRating { get; private set; }

    /// <summary>The question set this call asks: the reason for a survey campaign's call, or offered at the end of an inbound one.</summary>
    public long? SurveyId { get; init; }

    /// <summary>The survey has been started and is not finished: keyed digits are its answers.</summary>
    public bool SurveyInProgress { get; set; }

    /// <summary>The line being answered was keyed on the phone's keypad, not said.</summary>
    public bool LineKeyed { get; set; }

    /// <summary>Set when this call's qualification graded the callee as a lead.</summary>
    public LeadGrade? LeadGrade { get; private set; }

    /// <summary>The transfer goes to the sales line (a hot lead), not to the business's people.</summary>
    public bool TransferToSales { get; private set; }

    public IReadOnlyList<FunctionCallRecord> FunctionCalls
    {
        get
        {
            lock (functionCalls)
            {
                return functionCalls.ToList();
            }
        }
    }

    public bool IdentificationLocked => CustomerId is null && IdentificationFailures >= MaxIdentificationFailures;

    /// <summary>
    /// Binds the call to a customer by <paramref name="factor"/>; for the customer already bound, adds the factor. Once
    /// bound, only the same customer is accepted.
    /// </summary>
    public bool TryIdentify(long customerId, string? fullName, IdentityFactors factor)
    {
        if (CustomerId is { } current)
        {
            if (current != customerId)
            {
                return false;
            }
            Factors |= factor;
            return true;
        }
        CustomerId = customerId;
        CustomerFirstName = fullName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        Factors = factor;
        return true;
    }

    public void RecordIdentificationFailure() => IdentificationFailures++;

    public void RequestTransfer(string reason, bool toSales = false)
    {
        TransferReason = reason;
        TransferToSales = toSales;
    }

    public void QualifyLead(LeadGrade grade) => LeadGrade = grade;

    public void RequestEnd(string reason) => EndReason = reason;

    public void RecordSatisfaction(int rating) => SatisfactionRating = rating;

    public void Record(FunctionCallRecord call)
    {
        lock (functionCalls)
        {
            functionCalls.Add(call);
        }
    }
}
