"""The scorer's word lookups done ahead (align.divergence.warmup) fill what scoring then uses."""
from __future__ import annotations

import time

from align.divergence import contentwords, gazetteer, names, score_pair, tense
from align.divergence.warmup import Warmup, look_up

CACHED = (contentwords._ru, contentwords._en, tense._ru_verb, names.stems, gazetteer.territory, gazetteer.concept)


def _misses() -> dict[str, int]:
    return {f.__qualname__ + f.__module__: f.cache_info().misses for f in CACHED}


def test_scoring_after_the_warmup_looks_up_no_word_again():
    en = "The plenipotentiary Kurmanbekov signed the armistice at Sarikamish on 3 May, near the Araxes."
    ru = "Полномочный представитель Курманбеков подписал перемирие в Сарыкамыше 3 мая, близ Аракса."
    assert look_up([en], "en") >= 10 and look_up([ru], "ru") >= 10
    before = _misses()
    score_pair(en, ru, "en", "ru", 0.9)
    assert _misses() == before


def test_without_the_warmup_the_same_pair_looks_words_up_and_scores_the_same():
    en = "The envoy Torosyan reached Alexandropol on the ninth of June, after the railway was cut."
    ru = "Посланник Торосян прибыл в Александрополь девятого июня, после того как перерезали железную дорогу."
    before = _misses()
    cold = score_pair(en, ru, "en", "ru", 0.9)
    assert _misses() != before  # this test's words were new to the caches
    look_up([en], "en")
    look_up([ru], "ru")
    warm = score_pair(en, ru, "en", "ru", 0.9)
    assert (warm.score, warm.reasons, warm.marks) == (cold.score, cold.reasons, cold.marks)


def test_the_warmup_thread_stops_when_asked():
    texts = [f"Депеша номер {i} получена в Тифлисе и передана дальше." for i in range(200_000)]
    warmup = Warmup([(texts, "ru")]).start()
    time.sleep(0.2)
    t0 = time.perf_counter()
    warmup.stop()
    assert time.perf_counter() - t0 < 2.0
    assert 0 < warmup.words < 200_000
