using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.TwiML;
using Twilio.Types;

namespace VoiceGrains.Telephony;

/// <summary>
/// Call control through Twilio's REST API, with the Twilio SDK: placing an outbound call (answered into the same
/// voice webhook as inbound ones, with answering-machine detection), moving a live call to a person with
/// <c>&lt;Dial&gt;</c>, and opening its media stream anew. Requests are never retried here: a repeated create would ring the customer twice.
/// </summary>
sealed class TwilioCallControl(IOptions<TwilioOptions> options, TwilioRestClients clients) : ICallControl
{
    public async Task<string> DialAsync(DialRequest dial, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        if (!twilio.CanCallOut)
        {
            throw new CallControlException(TwilioOptions.CannotCallOut);
        }
        var query = dial.AttemptKey is null ? "" : $"?{DialRequest.AttemptParameter}={Uri.EscapeDataString(dial.AttemptKey)}";
        var call = await RunAsync(() => CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(dial.To), new PhoneNumber(twilio.PhoneNumber))
        {
            Url = new Uri(twilio.PublicBaseUrl!, "/twilio/voice" + query),
            StatusCallback = new Uri(twilio.PublicBaseUrl!, "/twilio/status" + query),
            // "initiated" comes as soon as Twilio has created the call: with the attempt key in its address it ties a
            // campaign's attempt to its call even when the answer to this request never arrived.
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            // https://www.twilio.com/docs/voice/answering-machine-detection: DetectMessageEnd waits for the beep.
            MachineDetection = dial.LeavesMessage ? "DetectMessageEnd" : "Enable",
        }, clients.Create()), cancellationToken);
        return call.Sid;
    }

    /// <summary>Replaces what the live call is doing with a <c>&lt;Dial&gt;</c> to <paramref name="number"/>.</summary>
    public Task TransferAsync(string callSid, string number, CancellationToken cancellationToken) =>
        UpdateAsync(callSid, new VoiceResponse().Dial(number).ToString(), cancellationToken);

    /// <summary>
    /// Replaces what the live call is doing with a new <c>&lt;Connect&gt;&lt;Stream&gt;</c>: Twilio ends the TwiML the
    /// call is in (its stream with it) and runs the new one, the call staying up throughout
    /// (https://www.twilio.com/docs/voice/tutorials/how-to-modify-calls-in-progress).
    /// </summary>
    public Task ReconnectMediaAsync(string callSid, string mediaToken, CancellationToken cancellationToken)
    {
        if (options.Value.PublicBaseUrl is not { } publicBaseUrl)
        {
            throw new CallControlException("Twilio:PublicBaseUrl is not configured, so a call's media stream cannot be opened anew.");
        }
        return UpdateAsync(callSid, MediaStreamTwiml.Connect(publicBaseUrl, mediaToken), cancellationToken);
    }

    async Task UpdateAsync(string callSid, string twiml, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.AccountSid) || string.IsNullOrWhiteSpace(options.Value.AuthToken))
        {
            throw new CallControlException("Twilio:AccountSid and Twilio:AuthToken are not both configured, so live calls cannot be changed.");
        }
        await RunAsync(() => CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Twiml = new Twiml(twiml) }, clients.Create()), cancellationToken);
    }

    static async Task<T> RunAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await request().WaitAsync(cancellationToken);
        }
        catch (ApiException e)
        {
            throw new CallControlException($"Twilio refused the request ({e.Status}, code {e.Code}): {e.Message}", e);
        }
        catch (Exception e) when (e is ApiConnectionException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A request sent and never answered may have been carried out: for a dial, a call may be ringing.
            throw new CallControlException($"Twilio could not be reached: {e.Message}", e, outcomeUnknown: true);
        }
    }
}
