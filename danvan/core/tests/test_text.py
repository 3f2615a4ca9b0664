def test_a_unit_name_in_running_text_has_its_kind_word_in_lower_case():
    from danvan.core.text import unit_in_sentence

    assert unit_in_sentence("Xã Đồng Xuân") == "xã Đồng Xuân"
    assert unit_in_sentence("Tổ dân phố 3") == "tổ dân phố 3"
    assert unit_in_sentence("Phường Buôn Ma Thuột") == "phường Buôn Ma Thuột"
    assert unit_in_sentence("Xóm Bến Đò") == "Xóm Bến Đò"  # not a kind word the list knows: left as written
