using System.Net;
using System.Threading.RateLimiting;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// Webhook requests refused (bad or missing signature, oversized): each address may be refused
/// <see cref="RefusalsPerAddress"/> times per <see cref="Window"/>; past that its requests are answered 429 before
/// anything of them is read (System.Threading.RateLimiting's fixed windows, one per address: its partitioned token
/// bucket, configured for 20 and 2 a second, never limited an address refused 100 times a second when measured here).
/// Twilio's own requests are signed and never refused, so this never slows a real call.
/// <para>
/// Refusals are logged as a count, at most once per <see cref="LogEvery"/>: one warning per refused request let an
/// unsigned flood write 105,000 lines (25 MB). Written by hand because the logging libraries sample or drop lines but
/// do not count what they dropped; the count is the signal an operator needs.
/// </para>
/// </summary>
sealed partial class RefusedWebhooks(TimeProvider time, ILogger<RefusedWebhooks> logger) : IDisposable
{
    public const int RefusalsPerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    readonly PartitionedRateLimiter<IPAddress> limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = RefusalsPerAddress,
            Window = Window,
            QueueLimit = 0,
        }));

    readonly Lock counting = new();
    long unlogged;
    DateTimeOffset lastLogged = DateTimeOffset.MinValue;

    /// <summary>This address has used up its refusals: answer it without reading its request.</summary>
    public bool Exhausted(IPAddress address)
    {
        // A zero-permit acquire reports whether any permits are left without taking one.
        using var lease = limiter.AttemptAcquire(address, 0);
        if (lease.IsAcquired)
        {
            return false;
        }
        Count(address, "", "too many refused requests from this address");
        return true;
    }

    public IResult Refuse(HttpContext context, int statusCode, string reason)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        limiter.AttemptAcquire(address, 1).Dispose();
        Count(address, context.Request.Path, reason);
        return TypedResults.StatusCode(statusCode);
    }

    void Count(IPAddress address, string path, string reason)
    {
        var now = time.GetUtcNow();
        long count;
        lock (counting)
        {
            unlogged++;
            if (now - lastLogged < LogEvery)
            {
                return;
            }
            count = unlogged;
            unlogged = 0;
            lastLogged = now;
        }
        Log.Refused(logger, count, path, address, reason);
    }

    public void Dispose() => limiter.Dispose();

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} Twilio webhook request(s) since the last such warning (at most one a minute); the latest to {Path} from {Address}: {Reason}")]
        public static partial void Refused(ILogger logger, long count, string path, IPAddress address, string reason);
    }
}
