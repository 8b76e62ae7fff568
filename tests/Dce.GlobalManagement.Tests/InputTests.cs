using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Tests;

public sealed class InputTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Api = "/apis/ghippo.io/v1alpha1";

    public static TheoryData<string> HostileTexts => new()
    {
        "'; DROP TABLE users; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
    };

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        var before = await CountRowsAsync();

        var response = await admin.PostAsync($"{Api}/users", new StringContent("{\"name\": \"broken\", ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Oversized_body_is_refused_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        var before = await CountRowsAsync();

        var response = await admin.PostAsJsonAsync($"{Api}/groups", new { name = "big", description = new string('a', 100_000) });

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("a-name-that-is-much-longer-than-sixty-three-characters-allowed-by-dns")]
    [InlineData("robert'); DROP TABLE users;--")]
    [InlineData("<script>")]
    public async Task Invalid_names_are_refused_everywhere_and_change_nothing(string name)
    {
        var admin = await app.AdminClientAsync();
        var before = await CountRowsAsync();

        var answers = new[]
        {
            await admin.PostAsJsonAsync($"{Api}/users", new { name, password = TestUsers.Password }),
            await admin.PostAsJsonAsync($"{Api}/groups", new { name }),
            await admin.PostAsJsonAsync($"{Api}/folders", new { name }),
            await admin.PostAsJsonAsync($"{Api}/workspaces", new { name }),
            await admin.PostAsJsonAsync($"{Api}/roles", new { name, scope = "Workspace", permissions = new[] { new { module = "*", resourceType = "*", action = "get" } } }),
        };

        foreach (var answer in answers)
        {
            await AssertProblemAsync(answer, HttpStatusCode.BadRequest);
        }

        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Injection_and_script_strings_in_text_fields_are_refused_and_change_nothing(string text)
    {
        var admin = await app.AdminClientAsync();
        var workspace = await TestHierarchy.WorkspaceAsync(admin, TestUsers.UniqueName("txt"));
        var before = await CountRowsAsync();

        var answers = new[]
        {
            await admin.PostAsJsonAsync($"{Api}/users", new { name = TestUsers.UniqueName("u"), password = TestUsers.Password, description = text }),
            await admin.PostAsJsonAsync($"{Api}/users", new { name = TestUsers.UniqueName("u"), password = TestUsers.Password, email = text }),
            await admin.PostAsJsonAsync($"{Api}/groups", new { name = TestUsers.UniqueName("g"), description = text }),
            await admin.PostAsJsonAsync($"{Api}/folders", new { name = TestUsers.UniqueName("f"), alias = text }),
            await admin.PostAsJsonAsync($"{Api}/workspaces", new { name = TestUsers.UniqueName("w"), alias = text }),
            await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}", new { alias = text }),
            await admin.PostAsJsonAsync($"{Api}/roles", new { name = TestUsers.UniqueName("r"), scope = "Workspace", description = text, permissions = new[] { new { module = "*", resourceType = "*", action = "get" } } }),
            await admin.PostAsJsonAsync($"{Api}/login", new { username = text, password = text }),
        };

        foreach (var answer in answers)
        {
            Assert.InRange((int)answer.StatusCode, 400, 499);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Weak_password_is_refused_with_what_to_fix()
    {
        var admin = await app.AdminClientAsync();
        var before = await CountRowsAsync();

        var response = await admin.PostAsJsonAsync($"{Api}/users", new { name = TestUsers.UniqueName("weak"), password = "password" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Bad_list_query_is_a_400_problem()
    {
        var admin = await app.AdminClientAsync();

        var response = await admin.GetAsync($"{Api}/users?pageSize=0&sortBy=password");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<string> CountRowsAsync()
    {
        await using var db = app.Database();
        return string.Join(",",
            await db.Users.CountAsync(), await db.Groups.CountAsync(), await db.Folders.CountAsync(), await db.Workspaces.CountAsync(),
            await db.Roles.CountAsync(), await db.RoleBindings.CountAsync(), await db.Workspaces.CountAsync(w => w.Alias != null));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }
}
