using Microsoft.Extensions.Options;
using Twilio.TwiML;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Telephony;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// Twilio's webhooks: <c>POST /twilio/voice</c> starts (or, on Twilio's retry, finds) the call and answers TwiML
/// that connects the call's audio to the media WebSocket with a single-use token; <c>POST /twilio/status</c>
/// ends the call when Twilio says it is over; <c>POST /twilio/sms</c> takes opt-out replies (<see cref="IncomingTextWebhook"/>).
/// All are signature-checked before anything else
/// (<see cref="TwilioSignatureFilter"/>, within <see cref="WebhookLimits"/>), and a call sid that is not one is a 400
/// before the cluster is touched; a status callback for a call never started is a 404 without activating a grain.
/// </summary>
public static class TwilioWebhooks
{
    public const string MediaPath = TwilioOptions.MediaStreamPath;

    /// <summary>How Twilio names a Voice SDK client as the caller (https://www.twilio.com/docs/voice/sdks/javascript).</summary>
    const string BrowserCaller = "client:";

    public static IEndpointRouteBuilder MapTwilio(this IEndpointRouteBuilder routes)
    {
        if (!TwilioOptions.IsConfigured(routes.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            return routes;
        }

        var twilio = routes.MapGroup("/twilio").AddEndpointFilter<TwilioSignatureFilter>().DisableAntiforgery().WithWebhookLimits();
        twilio.MapPost("/voice", AnswerAsync);
        twilio.MapPost("/status", StatusAsync);
        twilio.MapPost("/sms", IncomingTextWebhook.ReceiveAsync);
        return routes;
    }

    static async Task<IResult> AnswerAsync(HttpRequest request, IGrainFactory grains, IOptions<TwilioOptions> options)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var sid = form["CallSid"].ToString();
        if (!CallSids.IsValid(sid) || string.IsNullOrWhiteSpace(form["From"]) || string.IsNullOrWhiteSpace(form["To"]))
        {
            return TypedResults.Problem("CallSid (CA and 32 hex digits), From and To are required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var direction = form["Direction"].ToString().StartsWith("outbound", StringComparison.Ordinal) ? CallDirection.Outbound : CallDirection.Inbound;
        // A browser on Twilio's Voice JavaScript SDK calls through the TwiML App "from" client:<identity>.
        var channel = form["From"].ToString().StartsWith(BrowserCaller, StringComparison.Ordinal) ? CallChannel.Browser : CallChannel.Phone;
        // A campaign's call: its attempt is tied to this sid (if the dial's answer was lost) and the call started with its purpose.
        var campaignCall = await ClaimCampaignCallAsync(request, sid, grains);
        var call = grains.GetGrain<ICallGrain>(sid);
        var started = await call.StartAsync(new CallStart(direction, form["From"].ToString(), form["To"].ToString(), Channel: channel));
        // Answering-machine detection on a call we placed: nobody to talk to; the call ends with that outcome, after
        // the campaign's message when it leaves one (machine detection then waited for the beep).
        if (form["AnsweredBy"].ToString() is var answeredBy && (answeredBy.StartsWith("machine", StringComparison.Ordinal) || answeredBy == "fax"))
        {
            await call.EndAsync(CallOutcome.AnsweringMachine);
            var message = new VoiceResponse();
            if (campaignCall?.MachineMessage is { } said && answeredBy != "fax")
            {
                message.Say(said);
            }
            return TypedResults.Text(message.Hangup().ToString(), "text/xml");
        }
        if (started.Status == CallStatus.Ended)
        {
            // A late retry or a replayed request for a call that is over: nothing to connect.
            return TypedResults.Text(new VoiceResponse().Hangup().ToString(), "text/xml");
        }
        if (await call.IssueMediaTokenAsync(options.Value.MediaTokenLifetime) is not { } token)
        {
            // The call's media is connected: a repeated request is a replay (Twilio does not retry a webhook it got an
            // answer to). Whoever sent it gets nothing that joins the call; the live call is not touched.
            return TypedResults.Text(new VoiceResponse().Hangup().ToString(), "text/xml");
        }

        return TypedResults.Text(MediaStreamTwiml.Connect(options.Value.PublicBaseUrl!, token), "text/xml");
    }

    /// <summary>The campaign call the webhook's attempt key names (<see cref="DialRequest.AttemptParameter"/>); null when it names none.</summary>
    static async Task<CampaignCall?> ClaimCampaignCallAsync(HttpRequest request, string sid, IGrainFactory grains)
    {
        var key = request.Query[DialRequest.AttemptParameter].ToString();
        return CampaignAttempt.CampaignOf(key) is { } campaign
            ? await grains.GetGrain<ICampaignGrain>(campaign).ClaimCallAsync(key, sid)
            : null;
    }

    static async Task<IResult> StatusAsync(HttpRequest request, IGrainFactory grains, CallRepository calls)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var sid = form["CallSid"].ToString();
        if (!CallSids.IsValid(sid))
        {
            return TypedResults.Problem("CallSid (CA and 32 hex digits) is required.", statusCode: StatusCodes.Status400BadRequest);
        }
        var outcome = form["CallStatus"].ToString() switch
        {
            "completed" => CallOutcome.Completed,
            "busy" => CallOutcome.Busy,
            "no-answer" => CallOutcome.NoAnswer,
            "failed" => CallOutcome.Failed,
            "canceled" => CallOutcome.Canceled,
            _ => (CallOutcome?)null,            // queued, ringing, in-progress: the call goes on
        };
        // A campaign's call may be unknown yet (its dial's answer was lost): the attempt key in the address claims it.
        if (!await calls.ExistsAsync(sid, request.HttpContext.RequestAborted) && await ClaimCampaignCallAsync(request, sid, grains) is null)
        {
            return TypedResults.NotFound();
        }
        if (outcome is not null)
        {
            await grains.GetGrain<ICallGrain>(sid).EndAsync(outcome.Value);
        }
        return TypedResults.NoContent();
    }
}
