using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Tests;

/// <summary>Everything the console serves needs a signed-in operator of the right role; the few open doors are named.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class OperatorSurfaceTests(ConsoleFixture console)
{
    /// <summary>What anyone may reach: health probes and the sign-in page (the framework's static files are checked apart).</summary>
    static readonly string[] OpenDoors = ["/health", "/alive", "/signin"];

    HttpClient Anonymous() => console.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task EveryMappedEndpointRefusesAnAnonymousRequestButTheOpenDoors()
    {
        var endpoints = console.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        using var anonymous = Anonymous();
        var checkedRoutes = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.True(OpenDoors.Contains(pattern) || IsStaticFile(endpoint), $"{pattern} is open to anyone");
                continue;
            }
            var path = RouteParameter().Replace(pattern, m => m.Value.Contains("callSid", StringComparison.OrdinalIgnoreCase)
                ? "CA" + Guid.NewGuid().ToString("N") : m.Value.EndsWith(":long}", StringComparison.Ordinal) ? "1" : "x");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await anonymous.SendAsync(request);
                var refused = response.StatusCode == HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/signin", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {path} answered an anonymous request {(int)response.StatusCode}");
                checkedRoutes.Add($"{method} {pattern}");
            }
        }

        // The enumeration found the operator API and the pages, so a route added later is checked the same way.
        Assert.Contains("GET /api/calls", checkedRoutes);
        Assert.Contains("POST /api/calls", checkedRoutes);
        Assert.Contains("GET /api/calls/{callSid}/recording", checkedRoutes);
        Assert.Contains("GET /calls/{CallSid}", checkedRoutes);
        Assert.Contains("POST /api/campaigns/{id:long}/start", checkedRoutes);
        Assert.Contains("PUT /api/do-not-call/{phone}", checkedRoutes);
    }

    [Fact]
    public async Task AViewerReadsCallsButMayNeitherPlaceOneNorHearARecording()
    {
        using var viewer = console.ClientFor(console.Viewer);
        using var supervisor = console.ClientFor(console.Supervisor);
        var body = new { to = "+15550100015", purpose = "a test" };

        using var list = await viewer.GetAsync(new Uri("/api/calls", UriKind.Relative));
        using var place = await viewer.PostAsJsonAsync(new Uri("/api/calls", UriKind.Relative), body);
        using var recording = await viewer.GetAsync(new Uri($"/api/calls/CA{Guid.NewGuid():N}/recording", UriKind.Relative));
        // A supervisor gets past authorization: Twilio is not configured here, which is what the 503 says.
        using var placedBySupervisor = await supervisor.PostAsJsonAsync(new Uri("/api/calls", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, place.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, recording.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, placedBySupervisor.StatusCode);
    }

    [Fact]
    public async Task ARevokedOrUnknownApiTokenIsRefused()
    {
        var op = await TestOperator.AddAsync(console.ConnectionString, OperatorRoles.Viewer);
        using var client = console.ClientFor(op);
        using var before = await client.GetAsync(new Uri("/api/calls", UriKind.Relative));
        using (var scope = console.Factory.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
            await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAsync((await accounts.FindAsync(op.Email))!, "tests", CancellationToken.None);
        }
        using var after = await client.GetAsync(new Uri("/api/calls", UriKind.Relative));
        using var unknown = console.ClientFor(op with { ApiToken = "vg_" + new string('A', 43) });
        using var guessed = await unknown.GetAsync(new Uri("/api/calls", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
    }

    [Fact]
    public async Task AnOperatorSignsInWithTheFormAndFiveWrongPasswordsLockTheAccount()
    {
        var op = await TestOperator.AddAsync(console.ConnectionString, OperatorRoles.Viewer);
        using var browser = Anonymous();

        var wrong = new List<string>();
        for (var i = 0; i < OperatorServiceCollectionExtensions.MaxFailedSignIns; i++)
        {
            wrong.Add(await SignInAsync(browser, op.Email, "not the password at all"));
        }
        var rightButLocked = await SignInAsync(browser, op.Email, op.Password);
        var other = await TestOperator.AddAsync(console.ConnectionString, OperatorRoles.Viewer);
        using var response = await PostSignInAsync(browser, other.Email, other.Password);

        Assert.All(wrong.Take(wrong.Count - 1), page => Assert.Contains("Wrong email or password.", page, StringComparison.Ordinal));
        Assert.Contains("locked", wrong[^1], StringComparison.Ordinal);
        Assert.Contains("locked", rightButLocked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(browser.BaseAddress!, response.Headers.Location!).AbsolutePath);
        using var calls = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, calls.StatusCode);
    }

    [Fact]
    public async Task AChangedRoleAppliesToTheOperatorsNextApiRequest()
    {
        var op = await TestOperator.AddAsync(console.ConnectionString, OperatorRoles.Viewer);
        using var client = console.ClientFor(op);
        var body = new { to = "+15550100015", purpose = "a test" };
        using var before = await client.PostAsJsonAsync(new Uri("/api/calls", UriKind.Relative), body);
        using (var scope = console.Factory.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
            await accounts.SetRoleAsync((await accounts.FindAsync(op.Email))!, OperatorRoles.Supervisor);
        }
        using var after = await client.PostAsJsonAsync(new Uri("/api/calls", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
    }

    [Fact]
    public async Task ASignInWithoutItsAntiForgeryTokenIsRefused()
    {
        using var browser = Anonymous();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["Input.Email"] = console.Viewer.Email, ["Input.Password"] = console.Viewer.Password,
        });

        using var response = await browser.PostAsync(new Uri("/signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("voicegrains.console=", StringComparison.Ordinal)) : []);
    }

    [Fact]
    public async Task UnknownCallSidsActivateNoCallGrain()
    {
        using var client = console.ClientFor(console.Supervisor);
        var management = console.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        async Task<int> CallGrainsAsync() =>
            (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("CallGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var before = await CallGrainsAsync();

        for (var i = 0; i < 20; i++)
        {
            foreach (var suffix in new[] { "", "/function-calls", "/recording" })
            {
                using var response = await client.GetAsync(new Uri($"/api/calls/CA{Guid.NewGuid():N}{suffix}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        Assert.True(await CallGrainsAsync() <= before, $"{before} call grains before, {await CallGrainsAsync()} after");
    }

    static async Task<string> SignInAsync(HttpClient browser, string email, string password)
    {
        using var response = await PostSignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the sign-in form as a browser does: with the anti-forgery token the page gave it.</summary>
    static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = AntiForgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.Email"] = email, ["Input.Password"] = password,
        });
        return await browser.PostAsync(new Uri("/signin", UriKind.Relative), form);
    }

    static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") || endpoint.RoutePattern.RawText!.StartsWith("_framework/", StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryField();
}
