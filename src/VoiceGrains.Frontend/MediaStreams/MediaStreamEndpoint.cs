using Microsoft.Extensions.Options;
using VoiceGrains.Frontend.Recordings;

namespace VoiceGrains.Frontend.MediaStreams;

public static class MediaStreamEndpoint
{
    /// <summary><c>/twilio/media</c>: Twilio's Media Streams WebSocket (the TwiML's Stream url).</summary>
    public static IEndpointRouteBuilder MapMediaStreams(this IEndpointRouteBuilder routes)
    {
        routes.Map(Twilio.TwilioWebhooks.MediaPath, async (HttpContext context, IClusterClient cluster, IOptions<MediaStreamOptions> options, RecordingStore recordings, ILoggerFactory loggers) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest("Media Streams speak WebSocket.");
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var session = new MediaStreamSession(socket, cluster, options.Value, recordings, loggers.CreateLogger<MediaStreamSession>());
            await session.RunAsync(context.RequestAborted);
            return Results.Empty;
        });
        return routes;
    }
}
