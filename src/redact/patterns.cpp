#include "redact/patterns.hpp"

namespace cassette::redact {

// Lengths and alphabets follow the providers' published formats, with
// minimums that keep prose ("sk-learn", "task-list") and hashes out.
// Trailing context is matched with a group instead of \b where a token may
// end in '-' or '_' (RE2 has no look-ahead).
const std::vector<PatternRow>& builtin_patterns() {
    static const std::vector<PatternRow> rows = {
        {"private-key", "PEM private key",
         R"(-----BEGIN [A-Z0-9 ]{0,32}PRIVATE KEY(?: BLOCK)?-----((?s:.){16,}?)-----END [A-Z0-9 ]{0,32}PRIVATE KEY)",
         {{"-----BEGIN "}}},
        {"aws-sigv4", "AWS SigV4 credential and signature",
         R"(AWS4-HMAC-SHA256 +Credential=([A-Za-z0-9]{16,128})/[^,\s]*, *SignedHeaders=[^,\s]*, *Signature=([0-9a-fA-F]{64}))",
         {{"AWS4-HMAC-SHA256"}}},
        {"aws-sigv4", "AWS SigV4 presigned URL credential",
         R"((?:[?&]|\\u0026)X-Amz-Credential=([A-Za-z0-9]{16,128})(?:%2[Ff]|/))",
         {{"X-Amz-Credential=", 1, 6}}},
        {"aws-sigv4", "AWS SigV4 presigned URL signature", R"((?:[?&]|\\u0026)X-Amz-Signature=([0-9a-fA-F]{64}))",
         {{"X-Amz-Signature=", 1, 6}}},
        {"aws-sigv4", "AWS security token", R"((?:[?&]|\\u0026)X-Amz-Security-Token=([^&#"\s\\]{16,}))",
         {{"X-Amz-Security-Token=", 1, 6}}},
        {"anthropic-key", "Anthropic API key", R"(\bsk-ant-[a-z]{2,8}[0-9]{0,4}-[A-Za-z0-9_-]{32,})", {{"sk-ant-"}}},
        {"openrouter-key", "OpenRouter API key", R"(\bsk-or-v1-[0-9a-f]{64})", {{"sk-or-v1-"}}},
        {"openai-key", "OpenAI API key",
         R"(\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{40,}))", {{"sk-"}}},
        {"github-token", "GitHub token", R"(\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,}))",
         {{"ghp_"}, {"gho_"}, {"ghu_"}, {"ghs_"}, {"ghr_"}, {"github_pat_"}}},
        {"gitlab-token", "GitLab token", R"(\bgl(?:pat|dt|ptt|rt|cbt|soat)-[A-Za-z0-9_-]{20,})",
         {{"glpat-"}, {"gldt-"}, {"glptt-"}, {"glrt-"}, {"glcbt-"}, {"glsoat-"}}},
        {"slack-webhook", "Slack webhook URL",
         R"(https://hooks\.slack\.com/(?:services|workflows|triggers)/(T[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{16,}))",
         {{"https://hooks.slack.com/"}}},
        {"slack-token", "Slack token", R"(\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{8,})", {{"xox"}}},
        {"stripe-key", "Stripe key", R"(\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{24,}))",
         {{"sk_live_"}, {"sk_test_"}, {"rk_live_"}, {"rk_test_"}, {"whsec_"}}},
        {"google-api-key", "Google API key", R"(\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$))", {{"AIza"}}},
        {"google-oauth", "Google OAuth token or client secret", R"(\b(?:ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[0-9A-Za-z_-]{20,}))", {{"ya29."}, {"GOCSPX-"}}},
        {"sendgrid-key", "SendGrid API key", R"(\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})", {{"SG."}}},
        {"twilio", "Twilio API key", R"(\b(SK[0-9a-fA-F]{32})\b)", {{"SK"}}},
        {"huggingface-token", "Hugging Face token", R"(\bhf_[A-Za-z0-9]{34,})", {{"hf_"}}},
        {"aws-access-key", "AWS access key id", R"(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b)", {{"AKIA"}, {"ASIA"}, {"ABIA"}, {"ACCA"}}},
        {"aws-secret-key", "AWS secret access key",
         R"((?i:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$))",
         // "cret": of "secret" (any case), after "se", "aws_se", ... The
         // letters of "cret" fold to nothing outside ASCII in RE2's (?i);
         // 's' also folds to U+017F, two bytes: hence up to 8 bytes back.
         {{"cret", 2, 8, true}}},
        {"npm-token", "npm access token", R"(\bnpm_[A-Za-z0-9]{36}\b)", {{"npm_"}}},
        {"pypi-token", "PyPI upload token", R"(\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", {{"pypi-AgEI"}}},
        {"docker-token", "Docker Hub personal access token", R"(\bdckr_pat_[A-Za-z0-9_-]{20,})", {{"dckr_pat_"}}},
        {"digitalocean-token", "DigitalOcean token", R"(\bdo[opr]_v1_[a-f0-9]{64}\b)", {{"dop_v1_"}, {"doo_v1_"}, {"dor_v1_"}}},
        {"linear-key", "Linear API key", R"(\blin_(?:api|oauth)_[A-Za-z0-9]{40}\b)", {{"lin_api_"}, {"lin_oauth_"}}},
        {"shopify-token", "Shopify access token", R"(\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b)",
         {{"shpat_"}, {"shpss_"}, {"shpca_"}, {"shppa_"}}},
        {"mailgun-key", "Mailgun API key", R"(\bkey-[0-9a-f]{32}\b)", {{"key-"}}},
        {"databricks-token", "Databricks token", R"(\bdapi[a-f0-9]{32}(?:-[0-9])?\b)", {{"dapi"}}},
        {"postman-key", "Postman API key", R"(\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b)", {{"PMAK-"}}},
        {"terraform-token", "Terraform Cloud token", R"(\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,})",
         {{".atlasv1.", 14, 14}}},
        {"vault-token", "HashiCorp Vault token", R"(\bhv[sbr]\.[A-Za-z0-9_-]{24,})", {{"hvs."}, {"hvb."}, {"hvr."}}},
        {"heroku-key", "Heroku API key", R"(\bHRKU-[A-Za-z0-9_-]{30,})", {{"HRKU-"}}},
        {"grafana-token", "Grafana token",
         R"(\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2}))", {{"glsa_"}, {"glc_"}}},
        {"newrelic-key", "New Relic key", R"(\bNR(?:AK|II|JS)-[A-Za-z0-9]{19,32}\b)", {{"NRAK-"}, {"NRII-"}, {"NRJS-"}}},
        {"azure-storage-key", "Azure connection string key",
         R"((?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,}={0,2}))",
         {{"AccountKey="}, {"SharedAccessKey="}}},
        {"azure-sas", "Azure SAS signature", R"((?:[?&]|\\u0026|&amp;)sig=([A-Za-z0-9%+/]{30,}(?:%3[Dd]|=){0,2}))",
         {{"sig=", 1, 6}}},
        {"gcp-service-account", "Google service account key (base64 JSON)",
         R"(\b(?:ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudC|eyJ0eXBlIjoic2VydmljZV9hY2NvdW50I)[A-Za-z0-9+/]{100,}={0,2})",
         {{"ewogICJ0eXBlIjog"}, {"eyJ0eXBlIjoic2Vyd"}}},
        {"jwt", "JSON Web Token", R"(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)", {{"eyJ"}}},
        {"userinfo", "URL password",
         R"(\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^/\s:@"'<>\\]{1,128}:([^/\s:@"'<>\\]{1,256})@[A-Za-z0-9\[])",
         // a scheme of 2 to 16 characters before "://"
         {{"://", 2, 16}}},
    };
    return rows;
}

} // namespace cassette::redact
