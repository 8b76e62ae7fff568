using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// A signed-in user's token, renewed well before it expires as a long-running client renews it, so traffic that outlasts
/// one token's lifetime keeps going. Requests take the current token one by one.
/// </summary>
public sealed class Session : IAsyncDisposable
{
    private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(4);

    private readonly HttpClient _http;
    private readonly string _password;
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;
    private string _token = "";

    private Session(Uri entry, string password)
    {
        _http = new HttpClient { BaseAddress = entry, Timeout = TimeSpan.FromMinutes(1) };
        _password = password;
    }

    public Uri Entry => _http.BaseAddress!;

    public static async Task<Session> StartAsync(Uri entry, string password)
    {
        var session = new Session(entry, password);
        await session.SignInAsync();
        session._renewing = Task.Run(session.RenewAsync);
        return session;
    }

    /// <summary>Puts the current token on <paramref name="request"/>.</summary>
    public HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Volatile.Read(ref _token));
        return request;
    }

    /// <summary>GETs <paramref name="path"/> (relative to the entry, or absolute) as this user and reads the JSON answer.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var request = Authorize(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.RelativeOrAbsolute)));
        using var answer = await _http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"GET {path}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The status code of a GET of <paramref name="path"/> as this user.</summary>
    public async Task<int> StatusAsync(string path)
    {
        using var request = Authorize(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.RelativeOrAbsolute)));
        using var answer = await _http.SendAsync(request);
        return (int)answer.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task SignInAsync()
    {
        using var login = await _http.PostAsJsonAsync(new Uri("/apis/ghippo.io/v1alpha1/login", UriKind.Relative), new { username = "admin", password = _password });
        Assert.True(login.IsSuccessStatusCode, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        Volatile.Write(ref _token, (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString()!);
    }

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Renewal, _stop.Token);
                await SignInAsync();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
