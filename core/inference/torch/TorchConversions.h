#pragma once

// Between core Tensors and LibTorch, and LibTorch's errors in plain words: shared by the plugin's
// translation units (TorchBackend.cpp, TorchTrainer.cpp), the only ones that see LibTorch.
#include <torch/script.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "inference/InferenceBackend.h"

namespace cadview::torchplugin {

inline torch::Tensor toTorch(const Tensor& t) {
    // from_blob does not own the memory; clone so autograd and the model may keep it.
    return torch::from_blob(const_cast<float*>(t.data.data()), t.shape, torch::kFloat32).clone();
}

inline Tensor fromTorch(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    Tensor out;
    out.shape.assign(c.sizes().begin(), c.sizes().end());
    out.data.resize(std::size_t(c.numel()));
    std::memcpy(out.data.data(), c.data_ptr<float>(), out.data.size() * sizeof(float));
    return out;
}

inline void flatten(const torch::jit::IValue& v, std::vector<torch::Tensor>& out) {
    if (v.isTensor()) {
        out.push_back(v.toTensor());
    } else if (v.isTuple()) {
        for (const auto& e : v.toTupleRef().elements())
            flatten(e, out);
    } else if (v.isList()) {
        for (const auto& e : v.toListRef())
            flatten(e, out);
    } else if (v.isTensorList()) {
        for (const auto& e : v.toTensorVector())
            out.push_back(e);
    } else {
        throw InferenceError("the model returned a " + v.tagKind() + ", not tensors");
    }
}

// LibTorch's message in plain words. Errors raised inside TorchScript code (a shape the model's layers
// reject, an assertion in its forward()) arrive as std::runtime_error carrying the interpreter's two
// tracebacks, then the Python-style last line ("RuntimeError: mat1 and mat2 shapes cannot be
// multiplied (1x4096 and 1024x2)"): only that line is kept. c10::Error loses its C++ backtrace.
inline std::string plainMessage(const std::exception& e) {
    const auto* c10 = dynamic_cast<const c10::Error*>(&e);
    std::string s = c10 ? c10->what_without_backtrace() : e.what();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    if (s.find("Traceback of TorchScript") != std::string::npos) {
        const std::size_t nl = s.rfind('\n');
        if (nl != std::string::npos) s = s.substr(nl + 1);
    }
    // LibTorch's CPU allocator: "DefaultCPUAllocator: can't allocate memory: you tried to allocate N
    // bytes. Error code 12 (Cannot allocate memory)" (or "not enough memory: ...").
    const std::string oom = "memory: you tried to allocate ";
    if (const std::size_t at = s.find(oom); at != std::string::npos) {
        const double gib = std::strtod(s.c_str() + at + oom.size(), nullptr) / double(1u << 30);
        char text[128];
        std::snprintf(text, sizeof text,
                      "out of memory: it asked for %.1f GiB at once, more than this computer can give", gib);
        return text;
    }
    if (dynamic_cast<const std::bad_alloc*>(&e)) return "out of memory";
    return s;
}

inline std::string shapeText(const torch::Tensor& t) {
    std::string s = "(";
    for (std::int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + ")";
}

}  // namespace cadview::torchplugin
