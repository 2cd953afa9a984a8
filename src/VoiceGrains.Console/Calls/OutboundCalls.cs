using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Customers;
using VoiceGrains.Operators;
using VoiceGrains.Telephony;

namespace VoiceGrains.Console.Calls;

/// <summary>
/// <c>POST /api/calls</c>: places a call through Twilio's REST API and starts it as an outbound call with its purpose;
/// never to a number on the do-not-call list (409).
/// When the callee answers, Twilio requests the same voice webhook as for inbound calls, and the call goes on alike.
/// </summary>
static class OutboundCalls
{
    const int MaxPurpose = 200;

    public static async Task<Results<Created<CallSnapshot>, ProblemHttpResult>> PlaceAsync(
        OutboundCallRequest request, HttpContext http, IGrainFactory grains, CustomerRepository customers, DoNotCallRepository doNotCall, ICallControl carrier,
        AuditLog audit, Microsoft.Extensions.Options.IOptions<TwilioOptions> twilio, CancellationToken cancellationToken)
    {
        if (twilio.Value is not { CanCallOut: true } options)
        {
            return TypedResults.Problem(TwilioOptions.CannotCallOut, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!PhoneNumber.IsE164(request.To))
        {
            return TypedResults.Problem("to must be an E.164 number, e.g. +15550100015.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > MaxPurpose)
        {
            return TypedResults.Problem($"purpose is required (what the agent calls about, at most {MaxPurpose} characters).", statusCode: StatusCodes.Status400BadRequest);
        }
        if (request.Customer is { } customer && await customers.GetProfileAsync(customer, cancellationToken) is null)
        {
            return TypedResults.Problem($"There is no customer {customer}.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (await doNotCall.ContainsAsync(request.To!, cancellationToken))
        {
            return TypedResults.Problem($"{request.To} is on the do-not-call list.", statusCode: StatusCodes.Status409Conflict);
        }

        // Audited before Twilio is asked: a call placed at the business's expense always has its operator on record.
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.PlacedCall, null, request.To, cancellationToken);
        string callSid;
        try
        {
            callSid = await carrier.DialAsync(new DialRequest(request.To!), cancellationToken);
        }
        catch (CallControlException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway);
        }
        // Twilio rings the callee before it requests the voice webhook, so the call is started here first; a webhook
        // that came sooner would find it started without its purpose, which the agent then simply does not mention.
        var call = await grains.GetGrain<ICallGrain>(callSid).StartAsync(
            new CallStart(CallDirection.Outbound, options.PhoneNumber!, request.To!, request.Purpose.Trim(), request.Customer));
        return TypedResults.Created($"/api/calls/{callSid}", call);
    }
}
