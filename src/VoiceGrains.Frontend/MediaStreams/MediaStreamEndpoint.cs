using System.Net;
using Microsoft.Extensions.Options;
using VoiceGrains.Data.Calls;
using VoiceGrains.Frontend.Recordings;
using VoiceGrains.Telephony;

namespace VoiceGrains.Frontend.MediaStreams;

public static class MediaStreamEndpoint
{
    /// <summary>
    /// <c>/twilio/media</c>: Twilio's Media Streams WebSocket (the TwiML's Stream url). A socket past the
    /// <see cref="MediaStreamAdmission"/> limits is answered 503 before the upgrade. When the front end shuts down, its
    /// calls' streams move to the front ends that stay (<see cref="MediaStreamSession"/>), on ApplicationStopping, and
    /// <see cref="MediaStreamDrain"/> keeps the cluster client until they have.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaStreams(this IEndpointRouteBuilder routes)
    {
        routes.Map(Twilio.TwilioWebhooks.MediaPath, async (HttpContext context, IClusterClient cluster, CallRepository calls,
            MediaStreamAdmission admission, IOptions<MediaStreamOptions> options, IOptions<TwilioOptions> twilio, RecordingStore recordings,
            IHostApplicationLifetime lifetime, MediaStreamDrain drain, ILoggerFactory loggers) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest("Media Streams speak WebSocket.");
            }
            using var ticket = admission.TryAdmit(context.Connection.RemoteIpAddress ?? IPAddress.None);
            if (ticket is null)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            using var open = drain.Open();
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var session = new MediaStreamSession(socket, cluster, calls, ticket, options.Value, twilio.Value.MediaTokenLifetime, recordings,
                loggers.CreateLogger<MediaStreamSession>());
            await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
            return Results.Empty;
        });
        return routes;
    }
}
