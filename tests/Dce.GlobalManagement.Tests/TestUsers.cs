using System.Net.Http.Json;

namespace Dce.GlobalManagement.Tests;

/// <summary>Creates users through the API the way an administrator would.</summary>
public static class TestUsers
{
    public const string Password = "Correct-Horse-42";

    public static async Task<Guid> CreateAsync(HttpClient admin, string name, string password = Password)
    {
        var response = await admin.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/users", new { name, password });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var user = await response.Content.ReadFromJsonAsync<UserAnswer>();
        return user!.Id;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public sealed record UserAnswer(Guid Id, string Name, bool Enabled);
}
