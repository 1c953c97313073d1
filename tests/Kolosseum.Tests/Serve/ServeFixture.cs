using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kolosseum.Cli.Serve;

namespace Kolosseum.Tests.Serve;

/// <summary>
/// A <c>kolosseum serve</c> of the small test scenario on a free loopback port, in-process, for one test class
/// (view requests cancel each other, so classes that run in parallel must not share a server).
/// </summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public static string ScenarioPath => Path.Combine(AppContext.BaseDirectory, "TestData", "serve-small.yaml");

    public static string ScenarioText => File.ReadAllText(ScenarioPath);

    private ServeHost? _host;

    public ServeHost Host => _host ?? throw new InvalidOperationException("not started");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await ServeHost.StartAsync(ScenarioPath, port: 0);
        Client = new HttpClient { BaseAddress = _host.Url, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }

    public static StringContent Body(object request) => new(JsonSerializer.Serialize(request), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async Task<(int Status, string Body)> PostAsync(string path, object request)
    {
        using var response = await Client.PostAsync(path, Body(request));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
