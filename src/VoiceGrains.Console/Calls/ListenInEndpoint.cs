using System.Net.WebSockets;
using VoiceGrains.Console.Live;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Calls;

/// <summary>
/// <c>GET /api/calls/{callSid}/listen</c>, a WebSocket: a supervisor hears a call in progress, both voices, as binary
/// messages (<see cref="CallAudioTap"/>: a kind byte, then 8 kHz μ-law) until the call ends or the socket closes.
/// Audited before the first byte; refused to another site's page (<see cref="SameOrigin"/>).
/// </summary>
public static class ListenInEndpoint
{
    public static IEndpointRouteBuilder MapListenIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/calls/{callSid}/listen", ListenAsync).RequireAuthorization(OperatorPolicies.Supervisor);
        return routes;
    }

    static async Task<IResult> ListenAsync(
        string callSid, HttpContext http, IClusterClient cluster, CallRepository calls, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("Listening in is a WebSocket.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!SameOrigin.Allows(http.Request))
        {
            return TypedResults.Problem("Listening in is only for the console's own pages.", statusCode: StatusCodes.Status403Forbidden);
        }
        if (!CallSids.IsValid(callSid) || !await calls.ExistsAsync(callSid, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (await cluster.GetGrain<ICallGrain>(callSid).GetSnapshotAsync() is not { Status: not CallStatus.Ended })
        {
            return TypedResults.Problem("The call has ended; its recording is on the call's page.", statusCode: StatusCodes.Status409Conflict);
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.ListenedIn, callSid, null, cancellationToken);
        await using var tap = await CallAudioTap.OpenAsync(cluster, callSid);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var message in tap.Messages.ReadAllAsync(closed.Token))
            {
                await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, closed.Token);
            }
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "the call ended", cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The listener went away.
        }
        await closed.CancelAsync();
        await receiving;
        return TypedResults.Empty;
    }

    /// <summary>Reads (and drops) what the listener sends, to notice when it closes; then stops the sending.</summary>
    static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open && !closed.IsCancellationRequested)
            {
                if ((await socket.ReceiveAsync(buffer, closed.Token)).MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}
