using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>Calls the platform through its gateway as one signed-in user.</summary>
public sealed class PlatformApi : IDisposable
{
    public const string Kpanda = "/apis/kpanda.io/v1alpha1";
    public const string Ghippo = "/apis/ghippo.io/v1alpha1";

    private readonly HttpClient _http;

    private PlatformApi(HttpClient http) => _http = http;

    public static async Task<PlatformApi> SignInAsync(PlatformFixture platform, string user = "admin", string? password = null)
    {
        var http = platform.App.CreateHttpClient("gateway", "http");
        http.Timeout = TimeSpan.FromMinutes(2);
        using var login = await http.PostAsJsonAsync(new Uri($"{Ghippo}/login", UriKind.Relative), new { username = user, password = password ?? PlatformFixture.AdminPassword });
        Assert.True(login.IsSuccessStatusCode, $"login as {user}: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new PlatformApi(http);
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<Answer> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Answer> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<Answer> SendTextAsync(HttpMethod method, string path, string text, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(text, Encoding.UTF8, contentType) };
        return await AnswerAsync(request);
    }

    /// <summary>Opens a streamed answer (Server-Sent Events, watches): the caller reads and disposes it.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken) =>
        _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Polls <paramref name="path"/> until <paramref name="condition"/> holds for its JSON answer.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        Answer last;
        do
        {
            last = await GetAsync(path);
            if (last.Status == HttpStatusCode.OK && condition(last.Json))
            {
                return last.Json;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out waiting for {what}; last answer {(int)last.Status}: {last.Text}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<Answer> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await AnswerAsync(request);
    }

    private async Task<Answer> AnswerAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>One answer: status, body text and, when it is JSON, the parsed body.</summary>
public sealed record Answer(HttpStatusCode Status, string Text, string? MediaType)
{
    public JsonElement Json => Text.Length == 0 ? default : JsonDocument.Parse(Text).RootElement.Clone();

    public Answer Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Text}");
        return this;
    }
}
