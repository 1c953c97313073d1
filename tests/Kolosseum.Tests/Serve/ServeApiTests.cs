using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kolosseum.Tests.Serve;

/// <summary>
/// The JSON API behind the what-if page, over real HTTP on 127.0.0.1: it answers with the very document of
/// <c>kolosseum plan --json</c>, reads overrides as if the file said them, reports bad input with the CLI's
/// diagnostics, refuses other hosts and origins, and a newer page request cancels the older one.
/// </summary>
public sealed partial class ServeApiTests(ServeFixture serve) : IClassFixture<ServeFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-serve-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Api_plan_answers_the_document_of_plan_json()
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", ServeFixture.ScenarioPath, "--trials", "40", "--no-what-if", "--seed", "3", "--json");
        Assert.True(code == 0, stderr);

        var (status, body) = await serve.PostAsync("/api/plan", new { trials = 40, what_if = false, seed = 3 });

        Assert.Equal(200, status);
        Assert.Equal(stdout, body);
    }

    [Fact]
    public async Task Overrides_plan_as_if_the_file_said_them()
    {
        // The same changes written into a copy of the file (same file name, so the echoed scenario names it alike).
        string edited = ServeFixture.ScenarioText
            .Replace("    gpus: 128\n", "    gpus: 96\n", StringComparison.Ordinal)
            .Replace("    ownership: rented\n", "    ownership: rented\n    rental:\n      price_per_gpu_hour: 1.9 USD/h\n", StringComparison.Ordinal)
            .Replace("  global_batch: 256\n", "  global_batch: 512\n", StringComparison.Ordinal)
            .Replace("  site_limit: 1 MW\n", "  site_limit: 0.5 MW\n  electricity_price: 0.05 USD/kWh\neconomics:\n  utilisation: 70 %\n", StringComparison.Ordinal);
        Assert.NotEqual(ServeFixture.ScenarioText, edited);
        string path = Path.Combine(_folder, Path.GetFileName(ServeFixture.ScenarioPath));
        await File.WriteAllTextAsync(path, edited);
        var (code, stdout, stderr) = CliRunner.Run("plan", path, "--trials", "40", "--no-what-if", "--json");
        Assert.True(code == 0, stderr);

        var (status, body) = await serve.PostAsync("/api/plan", new
        {
            trials = 40,
            what_if = false,
            overrides = new
            {
                options = new object[] { new { rent_usd_per_gpu_hour = 1.9 }, new { gpus = 96 } },
                global_batch = 512,
                site_limit_mw = 0.5,
                electricity_usd_per_kwh = 0.05,
                utilisation_percent = 70,
            },
        });

        Assert.Equal(200, status);
        Assert.Equal(stdout, body);
    }

    [Fact]
    public async Task The_reliability_multipliers_reach_the_simulation()
    {
        // No scenario key holds them. Twice the failure rate halves the mean time between interruptions exactly
        // (the rates add up to one Poisson stream). Fifty times the restart time (minutes become hours) lowers the
        // median ETTR by far more than 1 point: most of these short runs see no failure, so their median is set by
        // the start-up and checkpoint time alone, and 40 trials of the same seed would otherwise give the same value.
        var (_, plain) = await serve.PostAsync("/api/plan", new { trials = 40, what_if = false });
        var (status, failures) = await serve.PostAsync("/api/plan", new { trials = 40, what_if = false, overrides = new { failure_rate_scale = 2 } });
        Assert.Equal(200, status);
        (status, var restarts) = await serve.PostAsync("/api/plan", new { trials = 40, what_if = false, overrides = new { restart_scale = 50 } });
        Assert.Equal(200, status);
        using var a = JsonDocument.Parse(plain);
        using var f = JsonDocument.Parse(failures);
        using var r = JsonDocument.Parse(restarts);
        for (int i = 0; i < 2; i++)
        {
            var before = a.RootElement.GetProperty("options")[i];
            Assert.Equal(before.GetProperty("mtbi_hours").GetDouble() / 2, f.RootElement.GetProperty("options")[i].GetProperty("mtbi_hours").GetDouble(), 1e-9);
            double ettr = before.GetProperty("ettr").GetProperty("p50").GetDouble();
            Assert.True(r.RootElement.GetProperty("options")[i].GetProperty("ettr").GetProperty("p50").GetDouble() < ettr - 0.01);
        }
    }

    [Fact]
    public async Task Bad_scenarios_get_the_diagnostics_the_command_line_prints()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "TestData", "six-mistakes.yaml");
        var (code, _, stderr) = CliRunner.Run("plan", source);
        Assert.Equal(2, code);
        var expected = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace(source, "six-mistakes.yaml", StringComparison.Ordinal)).ToList();

        var (status, body) = await serve.PostAsync("/api/plan", new { scenario = await File.ReadAllTextAsync(source), file = "six-mistakes.yaml" });

        Assert.Equal(400, status);
        using var json = JsonDocument.Parse(body);
        var messages = json.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()!).ToList();
        Assert.Equal(expected[..^1], messages);
        Assert.Equal(expected[^1], json.RootElement.GetProperty("errors").GetInt32() + " errors");
        Assert.All(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => Assert.True(d.GetProperty("line").GetInt32() > 0));
    }

    [Fact]
    public async Task Bad_overrides_are_located_at_the_field_that_holds_them()
    {
        var (status, body) = await serve.PostAsync("/api/view", new
        {
            overrides = new
            {
                options = new object?[] { new { gpus = 0 }, null, new { gpus = 8 } },
                failure_rate_scale = 1000,
                utilisation_percent = 150,
                site_limt_mw = 3,
            },
        });

        Assert.Equal(400, status);
        using var json = JsonDocument.Parse(body);
        var found = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (File: d.GetProperty("file").GetString(), Field: d.GetProperty("field").GetString(), Suggestion: d.GetProperty("suggestion").GetString()))
            .ToList();
        // The request's own fields first (its shape), and once it is well formed, the scenario's rules on the values.
        Assert.Contains(found, d => d is { File: "request", Field: "overrides.site_limt_mw" } && d.Suggestion!.Contains("site_limit_mw", StringComparison.Ordinal));
        Assert.Contains(found, d => d is { File: "request", Field: "overrides.failure_rate_scale" });

        (status, body) = await serve.PostAsync("/api/view", new { overrides = new { options = new object?[] { new { gpus = 0 }, null, new { gpus = 8 } }, utilisation_percent = 150 } });
        Assert.Equal(400, status);
        using var second = JsonDocument.Parse(body);
        var fields = second.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Contains("overrides.options[2]", fields);
        Assert.Contains("options[0].gpus", fields);
        Assert.Contains("economics.utilisation", fields);
        Assert.All(second.RootElement.GetProperty("diagnostics").EnumerateArray(), d => Assert.Equal("overrides", d.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task Other_hosts_other_origins_and_non_json_posts_are_refused()
    {
        using (var rebinding = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            rebinding.Headers.Host = "attacker.example:" + serve.Host.Url.Port;
            using var response = await serve.Client.SendAsync(rebinding);
            Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        }
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/plan") { Content = ServeFixture.Body(new { }) })
        {
            crossSite.Headers.Add("Origin", "http://attacker.example");
            using var response = await serve.Client.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using (var form = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"))
        using (var response = await serve.Client.PostAsync("/api/plan", form))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using (var response = await serve.Client.GetAsync("/api/../etc/passwd"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_page_allows_its_own_inline_code_by_a_fresh_nonce_and_nothing_else()
    {
        using var first = await serve.Client.GetAsync("/");
        using var second = await serve.Client.GetAsync("/");
        string policy = first.Headers.GetValues("Content-Security-Policy").Single();
        string html = await first.Content.ReadAsStringAsync();

        string nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.NotEqual(policy, second.Headers.GetValues("Content-Security-Policy").Single());
        Assert.StartsWith("default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        // One script and one style element, each carrying the nonce; nothing loads from a URL.
        Assert.Equal(["<script nonce=\"" + nonce + "\">"], Tag().Matches(html).Where(m => m.Value.StartsWith("<script", StringComparison.Ordinal)).Select(m => m.Value));
        Assert.Equal(["<style nonce=\"" + nonce + "\">"], Tag().Matches(html).Where(m => m.Value.StartsWith("<style", StringComparison.Ordinal)).Select(m => m.Value));
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_view_streams_progress_before_the_result()
    {
        var lines = await ViewLinesAsync(new { trials = 30 });
        Assert.True(lines.Count >= 2);
        Assert.All(lines[..^1], l => Assert.True(l.RootElement.TryGetProperty("progress", out _), l.RootElement.GetRawText()));
        var result = lines[^1].RootElement.GetProperty("result");
        Assert.Contains("<section class=\"answer\"", result.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("<svg", result.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, result.GetProperty("plan").GetProperty("options").GetArrayLength());
        Assert.Equal(128, result.GetProperty("inputs").GetProperty("options")[1].GetProperty("gpus").GetInt64());
        Assert.Contains("30 Monte-Carlo trials per option (the scenario asks for 100)", result.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_view_request_cancels_the_older_one()
    {
        // The older request is slow on purpose, so it is still running when the newer one arrives: the default
        // scenario (a layout search of seconds) at the trial limit, 200,000 trials of a run on 88k GPUs, which takes
        // minutes on any machine. The small served scenario at the trial limit takes about two seconds and could
        // finish first on a fast machine.
        using var slow = new HttpRequestMessage(HttpMethod.Post, "/api/view")
        {
            Content = ServeFixture.Body(new { scenario = Kolosseum.Scenarios.ScenarioLoader.DefaultText, file = "default.yaml", trials = 200_000 }),
        };
        using var response = await serve.Client.SendAsync(slow, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? first = await reader.ReadLineAsync();
        Assert.Contains("\"progress\"", first, StringComparison.Ordinal);

        var newer = await ViewLinesAsync(new { trials = 20 });
        Assert.True(newer[^1].RootElement.TryGetProperty("result", out _));

        string? line, last = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null) last = line;
        Assert.NotNull(last);
        Assert.Contains("\"cancelled\"", last, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_refuses_any_address_but_loopback_and_a_broken_scenario()
    {
        var (code, _, stderr) = CliRunner.Run("serve", "--address", "0.0.0.0");
        Assert.Equal(2, code);
        Assert.Contains("--address = '0.0.0.0': the page has no login, so it listens on 127.0.0.1 only", stderr, StringComparison.Ordinal);

        (code, _, stderr) = CliRunner.Run("serve", Path.Combine(AppContext.BaseDirectory, "TestData", "six-mistakes.yaml"), "--port", "0");
        Assert.Equal(2, code);
        Assert.Contains("6 errors", stderr, StringComparison.Ordinal);

        (code, _, stderr) = CliRunner.Run("serve", "--port", "70000");
        Assert.Equal(2, code);
        Assert.Contains("--port", stderr, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", serve.Host.Url.Host);
    }

    private async Task<List<JsonDocument>> ViewLinesAsync(object request)
    {
        using var response = await serve.Client.PostAsync("/api/view", ServeFixture.Body(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        string body = await response.Content.ReadAsStringAsync();
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l))];
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<(script|style)[^>]*>")]
    private static partial Regex Tag();
}
