using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Softphone;

/// <summary>
/// The softphone's two doors, for signed-in operators only. <c>GET /api/softphone/calls/{callSid}/media</c>: the
/// browser's audio socket, which speaks Twilio's Media Streams protocol and is relayed message for message to the front
/// end's media WebSocket, so a browser call takes a phone call's whole path (token check, VAD, recognition, agent,
/// synthesis, barge-in, recording); it is opened by the operator's session for a call that operator placed
/// (<see cref="SoftphoneCalls"/>), from the console's own pages (<see cref="SameOrigin"/>).
/// <c>GET /api/softphone/twilio-token</c>: a Voice SDK access token, when Twilio's WebRTC calling is configured.
/// </summary>
public static class SoftphoneEndpoint
{
    /// <summary>A Media Streams message is a few hundred bytes (a 20 ms frame is 216 in base64); the front end allows 16 KiB.</summary>
    const int MaxMessageBytes = 16 * 1024;

    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the way back is left open after one side's close has been passed on, for the other side's answering
    /// close. Cutting it at once aborts that socket, and a TCP socket closed with unread data resets the connection:
    /// the front end then lost the hang-up's <c>stop</c> still in its receive buffer and ended the call as dropped.
    /// </summary>
    static readonly TimeSpan CloseHandshakeGrace = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapSoftphone(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/softphone/calls/{callSid}/media", RelayAsync).RequireAuthorization();
        routes.MapGet("/api/softphone/twilio-token", IssueTwilioToken).RequireAuthorization();
        return routes;
    }

    static async Task<IResult> RelayAsync(
        string callSid, HttpContext http, SoftphoneCalls calls, IOptions<SoftphoneOptions> options, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("The softphone's audio is a WebSocket.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!SameOrigin.Allows(http.Request))
        {
            return TypedResults.Problem("The softphone is only for the console's own pages.", statusCode: StatusCodes.Status403Forbidden);
        }
        if (!options.Value.LocalEnabled || !CallSids.IsValid(callSid) || !calls.TryClaim(callSid, OperatorClaims.Id(http.User)))
        {
            return TypedResults.NotFound();
        }

        var call = grains.GetGrain<ICallGrain>(callSid);
        using var frontEnd = new ClientWebSocket();
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(ConnectTimeout);
            await frontEnd.ConnectAsync(options.Value.MediaStreamUrl, connecting.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            await call.EndAsync(CallOutcome.Failed);
            return TypedResults.Problem("The front end's media stream could not be reached.", statusCode: StatusCodes.Status502BadGateway);
        }

        using var browser = await http.WebSockets.AcceptWebSocketAsync();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The front end ends the call as a phone call's: on the browser's stop (hung up), or as dropped when the
        // browser went away without one and the relay's socket to it closed.
        await Task.WhenAll(PumpAsync(browser, frontEnd, done), PumpAsync(frontEnd, browser, done));
        return TypedResults.Empty;
    }

    /// <summary>
    /// Copies whole messages one way until either side closes; then closes the other and stops the way back, at once
    /// on a failure, after <see cref="CloseHandshakeGrace"/> at most on a close.
    /// </summary>
    static async Task PumpAsync(WebSocket from, WebSocket to, CancellationTokenSource done)
    {
        var buffer = new byte[MaxMessageBytes];
        var closed = false;
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        // Not a Media Streams message: both sockets go (closing one here would race the other pump's sends).
                        return;
                    }
                    received = await from.ReceiveAsync(buffer.AsMemory(length), done.Token);
                    length += received.Count;
                }
                while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, done.Token);
                    closed = true;
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, length), received.MessageType, endOfMessage: true, done.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // One side went away: the other is closed below by cancelling the pump in the other direction.
        }
        finally
        {
            if (closed)
            {
                done.CancelAfter(CloseHandshakeGrace);
            }
            else
            {
                await done.CancelAsync();
            }
        }
    }

    static IResult IssueTwilioToken(HttpContext http, TwilioVoiceTokens tokens)
    {
        if (!tokens.Enabled)
        {
            return TypedResults.Problem("Twilio WebRTC calling is not configured (Softphone:TwimlAppSid, ApiKeySid, ApiKeySecret).", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(tokens.Issue(OperatorClaims.Id(http.User)));
    }
}
