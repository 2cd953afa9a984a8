namespace VoiceGrains.Console.Security;

/// <summary>
/// A browser sends the sign-in cookie with a WebSocket opened by any site, so the console's sockets refuse a request
/// that names another origin (cross-site WebSocket hijacking); scripts, which send no Origin, use an API token.
/// </summary>
public static class SameOrigin
{
    /// <summary>No Origin (not a browser), or this very host: behind a reverse proxy that rewrites Host, forward it.</summary>
    public static bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
