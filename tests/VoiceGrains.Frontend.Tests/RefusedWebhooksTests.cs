using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using VoiceGrains.Frontend.Twilio;

namespace VoiceGrains.Frontend.Tests;

public sealed class RefusedWebhooksTests
{
    /// <summary>Keeps the messages written at warning level.</summary>
    sealed class Warnings : ILogger<RefusedWebhooks>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }

    [Fact]
    public void AFloodOfRefusalsIsLoggedAsACountAtMostOnceAMinute()
    {
        var clock = new FakeTimeProvider();
        var warnings = new Warnings();
        using var refused = new RefusedWebhooks(clock, warnings);

        for (var i = 0; i < 10_000; i++)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = new IPAddress([10, 3, (byte)(i / 250), (byte)(i % 250)]);
            refused.Refuse(context, StatusCodes.Status403Forbidden, "signature does not match");
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        refused.Refuse(new DefaultHttpContext(), StatusCodes.Status403Forbidden, "no signature or no form body");

        Assert.Equal(2, warnings.Lines.Count);                                   // one line per refusal wrote 105,000 lines
        Assert.StartsWith("Refused 1 ", warnings.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Refused 10000 ", warnings.Lines[1], StringComparison.Ordinal);
    }
}
