using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace WelfareFlow.Tests.Hardening;

/// <summary>A generated request: what is sent, and a short description for the failure report.</summary>
public sealed record FuzzRequest(FuzzOperation Operation, string Path, string? Credential, string? ContentType, string? Body, bool Multipart, string? FileName)
{
    public bool IsApi => Path.StartsWith("/api", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage(string operatorKey)
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Path);
        if (Credential == operatorKey) request.Headers.Add("X-Api-Key", Credential);
        else if (Credential is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Credential);
        if (Multipart)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Body ?? ""));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            // Written by hand: HttpClient validates file names, and the point is to send the odd ones.
            var name = FileName ?? "file.pdf";
            var ascii = new string(name.Where(c => c is >= ' ' and < '\u007f' and not '"' and not '\\').ToArray());
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}");
            form.Add(file);
            request.Content = form;
        }
        else if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return request;
    }

    public override string ToString() =>
        $"{Operation.Method} {Path[..Math.Min(Path.Length, 200)]} [{ContentType}{(Multipart ? $" multipart file={FileName?[..Math.Min(FileName.Length, 60)]}" : "")}] " +
        $"{(Credential is null ? "no credential" : "credential")} body={Body?[..Math.Min(Body.Length, 300)]}";
}

/// <summary>Generators of hostile input: odd ids, bad query values, spoiled bodies, wrong content types.</summary>
public static class FuzzInput
{
    /// <summary>No NUL: Kestrel itself refuses a path holding one (400 without a body) before the application runs.</summary>
    public static readonly Gen<string> OddId = Gen.OneOf(
        Gen.OneOf("/", "\\", "#", "?", "a/b", "..", "%2F", "\u0001", "\u001fx", " ", "UPPER", "한글", "a b", "null", "-1", "",
            new string('x', 2000), new string('가', 300), "'; DROP TABLE", "<script>", "{roundId}"),
        Gen.String[1, 40].Select(s => s.Replace('\0', '_')));

    public static readonly Gen<string> QueryValue = Gen.OneOf(
        Gen.OneOf("abc", "-1", "0", "1", "99999999999", "", "%00", "1e3", "1.5", "NaN", "true", "[]", new string('9', 500), "Completed,Bogus"),
        Gen.String[0, 30]);

    static readonly Gen<JsonNode?> OddValue = Gen.OneOf<JsonNode?>(
        Gen.Const<JsonNode?>((JsonNode?)null), Gen.Const<JsonNode?>(JsonValue.Create(true)), Gen.Const<JsonNode?>(JsonValue.Create(1e308)),
        Gen.Const<JsonNode?>(JsonValue.Create(-1)), Gen.Const<JsonNode?>(JsonValue.Create(long.MaxValue)), Gen.Const<JsonNode?>(JsonValue.Create(0.3)),
        Gen.Int[1_000, 70_000].Select(n => (JsonNode?)JsonValue.Create(new string('"', n))),
        Gen.Int[1_000, 40_000].Select(n => (JsonNode?)JsonValue.Create(new string('=', 1) + new string('가', n))),
        Gen.String[0, 50].Select(s => (JsonNode?)JsonValue.Create(s)),
        OddId.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>(new JsonArray(1, "x", null)), Gen.Const<JsonNode?>(new JsonObject { ["x"] = new JsonObject { ["y"] = 1 } }),
        Gen.Const<JsonNode?>(JsonValue.Create("9999-12-31T00:00:00Z")), Gen.Const<JsonNode?>(JsonValue.Create("2000-01-01T00:00:00+09:00")),
        Gen.Const<JsonNode?>(JsonValue.Create("PT1S")), Gen.Const<JsonNode?>(JsonValue.Create("a<b@c.d")));

    /// <summary>The example body with one to three fields (top level or nested) replaced, removed or added.</summary>
    static Gen<string?> Spoiled(JsonNode example) =>
        Gen.Select(Gen.Int[1, 3], Gen.Int[0, 1000].Array[3], OddValue.Array[3], Gen.Int[0, 2].Array[3], (count, picks, values, actions) =>
        {
            var body = example.DeepClone();
            for (var i = 0; i < count; i++)
            {
                var fields = Leaves(body).ToList();
                if (fields.Count == 0) break;
                var (parent, key) = fields[picks[i] % fields.Count];
                switch (actions[i])
                {
                    case 0: Set(parent, key, values[i]?.DeepClone()); break;
                    case 1 when parent is JsonObject o: o.Remove(key); break;
                    default: if (parent is JsonObject extra) extra["extra" + i] = values[i]?.DeepClone(); break;
                }
            }

            return (string?)body.ToJsonString();
        });

    public static Gen<string?> Body(JsonNode? example)
    {
        var broken = Gen.OneOf<string?>("{", "{\"title\":", "[1,2", "\"unterminated", "{\"a\":1}}", "nul", "\u0000", "{\"a\":\"\\uZZZZ\"}", "<xml/>", "title=x&summary=y");
        var wrongType = Gen.OneOf<string?>("[]", "42", "\"text\"", "null", "true", "{}");
        return example is null
            ? Gen.OneOf(broken, wrongType, Gen.Const<string?>((string?)null))
            : Gen.Frequency((5, Spoiled(example)), (2, broken), (2, wrongType), (1, Gen.Const<string?>((string?)null)),
                (1, Gen.Const<string?>(example.ToJsonString()[..Math.Max(1, example.ToJsonString().Length / 2)])));
    }

    public static readonly Gen<string?> JsonContentType = Gen.Frequency<string?>(
        (6, "application/json"), (1, "text/plain"), (1, "application/xml"), (1, "application/x-www-form-urlencoded"), (1, "multipart/form-data; boundary=x"), (1, null), (1, "application/json; charset=latin1"));

    public static readonly Gen<string> FileName = Gen.OneOf(
        Gen.OneOf("a." + new string('b', 200), "../../etc/passwd", "..\\..\\win.ini", "\u0001.pdf", "a\"b.pdf", "", ".", "x.pdf.exe", new string('가', 250) + ".pdf", "report.pdf"),
        Gen.String[0, 60]);

    static IEnumerable<(JsonNode Parent, string Key)> Leaves(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                yield return (o, key);
                if (child is JsonObject or JsonArray) foreach (var leaf in Leaves(child)) yield return leaf;
            }
        }
        else if (node is JsonArray { Count: > 0 } a)
        {
            yield return (a, "0");
            if (a[0] is JsonObject or JsonArray) foreach (var leaf in Leaves(a[0]!)) yield return leaf;
        }
    }

    static void Set(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject o) o[key] = value;
        else if (parent is JsonArray a) a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
    }
}
