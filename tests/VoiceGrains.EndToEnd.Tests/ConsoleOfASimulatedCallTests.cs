using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>
/// The operators' console in a real browser while the simulator phones the product as Twilio does: the call appears on
/// the live page as it happens, and after the hang-up its page has the turns, timing bars, function calls and a
/// recording the browser can play.
/// </summary>
[Collection(LiveCallCollection.Name)]
public sealed partial class ConsoleOfASimulatedCallTests(LiveCallCluster cluster) : IAsyncLifetime
{
    ConsoleBrowser browser = null!;

    public async Task InitializeAsync() => browser = await ConsoleBrowser.LaunchAsync(cluster.Console);

    [Fact]
    public async Task ASimulatedCallIsFollowedLiveAndThenReviewedWithItsTimingsFunctionsAndRecording()
    {
        var page = await browser.SignInAsync(cluster.Supervisor);
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        var row = page.Locator($"tr[data-call='{callSid}']");

        var call = cluster.CallAsync(["Where is my order 10002?", "When will it arrive?", "That's all, goodbye."], callSid: callSid);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync(Answering());
        // The greeting is spoken first (about 4 s), then the caller's first line is heard and answered (the caller's line
        // is the last thing said only until the answer is stored, a fraction of a second with the offline engine).
        await Assertions.Expect(row.Locator(".last")).ToContainTextAsync("Thanks for calling");
        await Assertions.Expect(row.Locator(".last")).Not.ToContainTextAsync("Thanks for calling", new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(page, "live-simulated-call");
        var report = await call;
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await page.GotoAsync(browser.Url($"/calls/{callSid}"));
        await Assertions.Expect(page.GetByText("Where is my order 10002?")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".timing")).Not.ToHaveCountAsync(0);
        // Each answer's bar begins with the caller's end-of-turn wait, which the recognizer measured.
        await Assertions.Expect(page.Locator(".timing .bar.eot")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "orders_get_order" })).ToBeVisibleAsync();
        // The player has fetched the recording's header through the console (range requests) and knows its length.
        await page.WaitForFunctionAsync("() => document.getElementById('recording')?.readyState >= 1 && document.getElementById('recording').duration > 1");
        await ConsoleBrowser.ScreenshotAsync(page, "call-review");
        Assert.Equal("completed", report.Outcome);
    }

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [GeneratedRegex("^(greeting|listening|thinking|agent speaking)$")]
    private static partial Regex Answering();
}
